//! Headless Chromium for the tests that look at a page in a real browser.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `chromium`, `chromium-browser` or `google-chrome` on `PATH`. Without one
/// the caller skips, except under `CI`, where [`super::cannot_run`] fails
/// the test (`.ci/run` installs Debian's `chromium`).
pub fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        super::cannot_run("no chromium on PATH");
    }
    found
}

/// Runs headless Chromium at 1280×800 with a fresh profile in `profile` and
/// no network chatter, then `args`; a failed run fails the test.
pub fn run(browser: &Path, profile: &Path, args: &[String]) -> Output {
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,800",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// What a page's probe script measured: the JSON it wrote into
/// `<pre id="measured">`, read back from Chromium's `--dump-dom` output.
pub fn measured(dumped_dom: &[u8]) -> serde_json::Value {
    let dom = String::from_utf8_lossy(dumped_dom);
    let json = dom
        .split("<pre id=\"measured\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .expect("the probe ran")
        .replace("&quot;", "\"");
    serde_json::from_str(&json).expect("probe JSON")
}
