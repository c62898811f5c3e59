//! The real binary in a real pseudo-terminal (tmux): keys in, screen and
//! files out. Skipped with a note when tmux is missing; a failure instead
//! when `CI` is set (`.ci/run` installs tmux).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::{TODAY, TestJournal};

/// The two sizes every screen is checked at: a small terminal and a roomy one.
const BOTH_SIZES: [(&str, &str); 2] = [("80", "24"), ("120", "40")];

/// One tmux server per test (its own socket), killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts the TUI on `journal` in an 80x24 pane. After it exits, the
    /// pane prints its exit code and whether the tty is back in cooked mode.
    fn start(journal: &TestJournal) -> Option<Tmux> {
        Tmux::start_with_editor(journal, "")
    }

    /// Like `start`, in a window `width` × `height` cells.
    fn start_at(journal: &TestJournal, width: &str, height: &str) -> Option<Tmux> {
        let tmux = Tmux::start(journal)?;
        tmux.tmux(&["resize-window", "-x", width, "-y", height]);
        Some(tmux)
    }

    /// Like `start`, with `$VISUAL` set to `editor`.
    fn start_with_editor(journal: &TestJournal, editor: &str) -> Option<Tmux> {
        Tmux::start_command(journal, editor, "")
    }

    /// Runs `jobjournal ARGS` (e.g. `demo`) with `$VISUAL` set to `editor`.
    fn start_command(journal: &TestJournal, editor: &str, args: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            support::cannot_run("tmux not found: end-to-end TUI test");
            return None;
        }
        let state = journal.dir.path().join("state");
        let script = format!(
            "env JOBJOURNAL_DIR='{}' JOBJOURNAL_CONFIG='{}' JOBJOURNAL_STATE_DIR='{}' JOBJOURNAL_TODAY={TODAY} \
             VISUAL='{editor}' EDITOR= '{}' {args}; echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; sleep 60",
            journal.root().display(),
            journal.config_path().display(),
            state.display(),
            env!("CARGO_BIN_EXE_jobjournal"),
        );
        Some(Tmux::session(&[&script]))
    }

    /// A detached 80x24 session on a private server, running `program`.
    fn session(program: &[&str]) -> Tmux {
        let socket = format!("jj-e2e-{}-{}", std::process::id(), fastrand::u32(..));
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", "80", "-y", "24"])
            .args(program)
            .status()
            .expect("tmux runs");
        assert!(status.success());
        Tmux { socket }
    }

    /// An interactive shell (with job control) in an 80x24 pane.
    fn shell() -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err()
            || Command::new("bash").arg("--version").output().is_err()
        {
            support::cannot_run("tmux or bash not found: end-to-end TUI test");
            return None;
        }
        Some(Tmux::session(&["bash", "--norc", "--noprofile", "-i"]))
    }

    fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    /// Waits until the screen shows `text`; fails with the screen otherwise.
    /// Waits for `text`, then for the screen to settle: a draw that has put
    /// `text` up may not have finished the rest of the frame, and a test that
    /// reads the returned screen must see the whole of it.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let screen = self.screen();
            let shown = screen.contains(text);
            if shown && (screen == last || start.elapsed() >= Duration::from_secs(15)) {
                return screen;
            }
            last = screen.clone();
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "waited for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen no longer shows `text` (the app has left).
    fn wait_until_gone(&self, text: &str) {
        let start = Instant::now();
        while self.screen().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "{text:?} stayed:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Keys by tmux name (`a`, `C-s`, `Escape`), one at a time so an Esc is never read as Alt.
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.tmux(&["send-keys", key]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-l", text]);
    }

    /// The pid of the TUI: the child of the pane's shell (found in /proc,
    /// so the test needs nothing beyond tmux).
    fn app_pid(&self) -> String {
        let shell = self
            .tmux(&["display-message", "-p", "#{pane_pid}"])
            .trim()
            .to_string();
        let start = Instant::now();
        loop {
            let child = std::fs::read_dir("/proc")
                .unwrap()
                .flatten()
                .find_map(|dir| {
                    let stat = std::fs::read_to_string(dir.path().join("stat")).ok()?;
                    // pid (comm) state ppid …; comm may hold spaces, so split after ')'.
                    let ppid = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?;
                    (ppid == shell).then(|| dir.file_name().to_string_lossy().into_owned())
                });
            if let Some(pid) = child {
                return pid;
            }
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "no child of the pane's shell {shell}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// Sends `SIG<name>` to `pid` with the shell's builtin kill (no procps needed).
fn signal(pid: &str, name: &str) -> std::process::ExitStatus {
    Command::new("sh")
        .args(["-c", &format!("kill -{name} {pid}")])
        .status()
        .unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The drafts kept in `state` (one file per window and journal).
fn drafts(state: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(state.join("drafts"))
        .map(|dir| dir.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default()
}

#[test]
fn kind_picker_title_and_ctrl_s_land_in_todays_file_and_q_restores_the_terminal() {
    let journal = TestJournal::new();
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    tmux.wait_for("Welcome to jobjournal");
    tmux.keys(&["a"]);
    tmux.wait_for("what kind?");
    tmux.keys(&["s"]);
    tmux.wait_for("New screw-up");
    tmux.type_text("Broke the nightly build");
    tmux.wait_for("Broke the nightly build");
    tmux.keys(&["C-s"]);
    let screen = tmux.wait_for("Saved \"Broke the nightly build\"");
    assert!(screen.contains("✗ Broke the nightly build"), "{screen}");
    let day = read(&journal.day_path(TODAY));
    assert!(day.contains("kind = \"screwup\""), "{day}");
    assert!(day.contains("title = \"Broke the nightly build\""), "{day}");

    tmux.keys(&["q"]);
    let screen = tmux.wait_for("exit=");
    assert!(screen.contains("exit=0"), "{screen}");
    // Back in cooked mode with echo, and off the alternate screen.
    let screen = tmux.wait_for("icanon echo");
    assert!(!screen.contains("Welcome"), "{screen}");
}

#[test]
fn delete_then_undo_puts_the_entry_back_in_its_file() {
    let journal = TestJournal::new();
    journal.add(&["note", "Keep me"]);
    journal.add(&["met", "Delete me, then undo"]);
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    tmux.wait_for("Delete me, then undo");
    tmux.keys(&["j", "d"]);
    tmux.wait_for("Delete \"Delete me, then undo\"?");
    tmux.keys(&["y"]);
    tmux.wait_for("Deleted \"Delete me, then undo\"");
    let day = read(&journal.day_path(TODAY));
    assert!(!day.contains("Delete me"), "{day}");
    assert!(day.contains("Keep me"), "{day}");
    tmux.keys(&["u"]);
    tmux.wait_for("Restored \"Delete me, then undo\"");
    let day = read(&journal.day_path(TODAY));
    assert!(day.contains("Delete me, then undo"), "{day}");
    assert!(
        day.find("Keep me") < day.find("Delete me"),
        "back in its place: {day}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("exit=0");
}

#[test]
fn sigterm_keeps_the_open_form_as_a_draft_and_restores_the_terminal() {
    let journal = TestJournal::new();
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    tmux.wait_for("Welcome to jobjournal");
    tmux.keys(&["a", "p"]);
    tmux.wait_for("New promise");
    tmux.type_text("Call Birch back");
    tmux.wait_for("Call Birch back");
    let status = signal(&tmux.app_pid(), "TERM");
    assert!(status.success());
    let screen = tmux.wait_for("exit=");
    assert!(screen.contains("exit=143"), "{screen}");
    tmux.wait_for("icanon echo");
    let [draft_path] = &drafts(&journal.dir.path().join("state"))[..] else {
        panic!("one draft: {screen}");
    };
    // The message names the file; a long temp path wraps on screen.
    assert!(screen.contains("kept as a draft in"), "{screen}");
    let draft = read(draft_path);
    assert!(draft.contains("Call Birch back"), "{draft}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(draft_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // The next start offers it back.
    drop(tmux);
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    tmux.wait_for("Open it?");
    tmux.keys(&["y"]);
    tmux.wait_for("New promise");
    tmux.wait_for("Call Birch back");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved \"Call Birch back\"");
    assert!(read(&journal.day_path(TODAY)).contains("Call Birch back"));
    assert!(!draft_path.exists(), "a saved form leaves no draft");
    tmux.keys(&["q"]);
    tmux.wait_for("exit=0");
}

#[test]
fn an_entry_added_from_the_cli_shows_up_while_open() {
    let journal = TestJournal::new();
    journal.add(&["note", "Already there"]);
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    tmux.wait_for("Already there");
    journal.add(&["exceeded", "Added from another terminal"]);
    tmux.wait_for("Added from another terminal");
    tmux.keys(&["q"]);
    tmux.wait_for("exit=0");
}

#[test]
fn a_resize_redraws_side_by_side() {
    let journal = TestJournal::new();
    journal.add(&[
        "screwup",
        "Wrong address on the label",
        "--customer",
        "Acme Corp",
    ]);
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    let narrow = tmux.wait_for("Wrong address on the label");
    assert!(
        !narrow.contains("┐┌ Entry"),
        "stacked at 80 columns:\n{narrow}"
    );
    tmux.tmux(&["resize-window", "-x", "120", "-y", "40"]);
    let wide = tmux.wait_for("┐┌ Entry");
    assert!(wide.contains("Acme Corp"), "{wide}");
    tmux.keys(&["q"]);
    tmux.wait_for("exit=0");
}

/// A journal whose config names Ada and an `exports` dir inside it.
fn exporting_journal() -> (TestJournal, PathBuf) {
    let journal = TestJournal::new();
    let exports = journal.dir.path().join("exports");
    journal.write_config(&format!(
        "name = \"Ada\"\nexport_dir = '{}'\n",
        exports.display()
    ));
    (journal, exports)
}

#[test]
fn r_then_x_exports_the_weeks_report_privately() {
    let (journal, exports) = exporting_journal();
    journal.add(&[
        "exceeded",
        "Quote turned around same day",
        "--expected",
        "3 days",
        "--delivered",
        "4 hours",
    ]);
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    tmux.wait_for("Quote turned around same day");
    tmux.keys(&["r"]);
    tmux.wait_for("Weekly report 2026-W47");
    tmux.keys(&["x"]);
    tmux.wait_for("Wrote ");
    let path = exports.join("report-2026-W47.md");
    let text = read(&path);
    assert!(text.starts_with("# Weekly report 2026-W47"), "{text}");
    assert!(
        text.contains("expected 3 days → delivered 4 hours"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    tmux.keys(&["q", "q"]);
    tmux.wait_for("exit=0");
}

#[test]
fn ctrl_e_in_details_runs_the_editor_and_comes_back() {
    let journal = TestJournal::new();
    // A stand-in editor: prefixes every line of the file it is given.
    let Some(tmux) = Tmux::start_with_editor(&journal, "sed -i s/^/EDITED:/") else {
        return;
    };
    tmux.wait_for("Welcome to jobjournal");
    tmux.keys(&["a", "n"]);
    tmux.wait_for("New note");
    tmux.type_text("Editor round trip");
    // Title, Date, Time, Customer, Tags, then Details.
    tmux.keys(&["Tab", "Tab", "Tab", "Tab", "Tab"]);
    tmux.type_text("first line");
    tmux.wait_for("first line");
    tmux.keys(&["C-e"]);
    tmux.wait_for("EDITED:first line");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved \"Editor round trip\"");
    let day = read(&journal.day_path(TODAY));
    assert!(day.contains("EDITED:first line"), "{day}");
    tmux.keys(&["q"]);
    tmux.wait_for("exit=0");
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_comes_back() {
    let journal = TestJournal::new();
    journal.add(&["met", "Shipped on the promised day"]);
    let Some(tmux) = Tmux::shell() else { return };
    let command = format!(
        "JOBJOURNAL_DIR='{}' JOBJOURNAL_CONFIG='{}' JOBJOURNAL_STATE_DIR='{}' JOBJOURNAL_TODAY={TODAY} '{}'",
        journal.root().display(),
        journal.config_path().display(),
        journal.dir.path().join("state").display(),
        env!("CARGO_BIN_EXE_jobjournal"),
    );
    tmux.type_text(&command);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Shipped on the promised day");
    tmux.keys(&["C-z"]);
    tmux.wait_for("Stopped");
    tmux.type_text("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo");
    tmux.keys(&["Enter"]);
    tmux.wait_for("icanon echo");
    tmux.type_text("fg");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Shipped on the promised day");
    assert!(screen.contains("2026-W47"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_until_gone("2026-W47");
    // A job stopped and continued reports its own exit status once done.
    tmux.type_text("echo \"exit=$?\"");
    tmux.keys(&["Enter"]);
    tmux.wait_for("exit=0");
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    let journal = TestJournal::new();
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    tmux.wait_for("Welcome to jobjournal");
    let status = signal(&tmux.app_pid(), "HUP");
    assert!(status.success());
    let screen = tmux.wait_for("exit=");
    assert!(screen.contains("exit=129"), "{screen}");
    tmux.wait_for("icanon echo");
    assert!(
        drafts(&journal.dir.path().join("state")).is_empty(),
        "no form, no draft"
    );
    assert!(!screen.contains("draft"), "{screen}");
}

#[test]
fn a_mistake_in_keys_is_shown_and_the_defaults_stay() {
    let journal = TestJournal::new();
    journal.write_config("[keys]\nquit = \"Q\"\nbogus = \"z\"\n");
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    let screen = tmux.wait_for("unknown action 'bogus'");
    assert!(
        screen.contains("Q quit"),
        "the footer shows the rebound key:\n{screen}"
    );
    tmux.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!tmux.screen().contains("exit="), "q no longer quits");
    tmux.keys(&["Q"]);
    tmux.wait_for("exit=0");
}

#[test]
fn without_a_terminal_the_bare_command_says_so() {
    let journal = TestJournal::new();
    let output = journal.cmd().output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(journal.snapshot().is_empty(), "nothing written");
}

#[test]
fn a_broken_day_file_is_a_banner_and_the_rest_keeps_working() {
    let journal = TestJournal::new();
    journal.write_day(
        "2026-11-17",
        "[[entry]]\nid = \"2026-11-17-aaaa\"\nkind = \"note\"\ntitle = \"unclosed\n",
    );
    journal.add(&["met", "Readable entry"]);
    let before = read(&journal.day_path("2026-11-17"));
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    let screen = tmux.wait_for("cannot read");
    assert!(screen.contains("2026-11-17.toml:4:"), "{screen}");
    assert!(screen.contains("Readable entry"), "{screen}");
    tmux.keys(&["a", "n"]);
    tmux.wait_for("New note");
    tmux.type_text("Still works");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved \"Still works\"");
    assert!(read(&journal.day_path(TODAY)).contains("Still works"));
    assert_eq!(
        read(&journal.day_path("2026-11-17")),
        before,
        "the broken file is never written"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("exit=0");
}

#[test]
fn demo_opens_a_full_week_without_touching_the_journal() {
    let journal = TestJournal::new();
    let Some(tmux) = Tmux::start_command(&journal, "", "demo") else {
        return;
    };
    let screen = tmux.wait_for("2026-W47");
    assert!(
        screen.contains("✗") && screen.contains("✓") && screen.contains("▲"),
        "{screen}"
    );
    tmux.keys(&["s"]);
    tmux.wait_for("Last 12 weeks to 2026-W47");
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("exit=");
    assert!(screen.contains("exit=0"), "{screen}");
    assert!(!journal.root().exists(), "demo wrote into the real journal");
}

#[test]
fn the_tui_and_the_cli_writing_the_same_week_both_keep_their_entries() {
    let journal = TestJournal::new();
    let doomed = journal.add(&["note", "Deleted from the CLI"]);
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    tmux.wait_for("Deleted from the CLI");
    // The TUI opens a form; meanwhile the CLI adds to and deletes from the same day.
    tmux.keys(&["a"]);
    tmux.wait_for("what kind?");
    tmux.keys(&["m"]);
    tmux.wait_for("New met");
    tmux.type_text("Saved from the TUI");
    tmux.wait_for("Saved from the TUI");
    journal.add(&["exceeded", "Added from the CLI"]);
    journal.cmd().args(["delete", &doomed]).assert().success();
    tmux.keys(&["C-s"]);
    let screen = tmux.wait_for("Added from the CLI");
    assert!(screen.contains("Saved from the TUI"), "{screen}");
    let day = read(&journal.day_path(TODAY));
    assert!(
        day.contains("Saved from the TUI") && day.contains("Added from the CLI"),
        "{day}"
    );
    assert!(!day.contains("Deleted from the CLI"), "{day}");
    let screen = tmux.screen();
    assert!(!screen.contains("Deleted from the CLI"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("exit=0");
}

#[test]
fn closing_the_terminal_ends_the_app_instead_of_spinning() {
    let journal = TestJournal::new();
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    tmux.wait_for("Welcome to jobjournal");
    let pid = tmux.app_pid();
    tmux.tmux(&["kill-server"]);
    let proc_dir = Path::new("/proc").join(&pid);
    let deadline = Instant::now() + Duration::from_secs(5);
    while proc_dir.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    // A zombie waiting for its parent has already stopped running.
    let state = std::fs::read_to_string(proc_dir.join("status")).unwrap_or_default();
    assert!(
        !proc_dir.exists() || state.contains("State:\tZ"),
        "still running after its terminal closed:\n{state}"
    );
}

#[test]
fn a_sync_conflict_copy_shows_in_the_banner() {
    let journal = TestJournal::new();
    journal.add(&["note", "The real day"]);
    let copy = journal
        .root()
        .join("2026")
        .join("2026-11-18.sync-conflict-20261118-101010-ABCDEFG.toml");
    std::fs::write(&copy, "[[entry]]\n").unwrap();
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    // At 80 columns the banner shows the path; the advice follows on wider screens.
    let screen = tmux.wait_for("2026-11-18.sync-conflict-");
    assert!(screen.contains('⚠'), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("exit=0");
}

#[test]
fn sighup_and_sigint_with_a_form_open_keep_the_draft_and_restore_the_terminal() {
    for (name, code) in [("HUP", 129), ("INT", 130)] {
        let journal = TestJournal::new();
        let Some(tmux) = Tmux::start(&journal) else {
            return;
        };
        tmux.wait_for("Welcome to jobjournal");
        tmux.keys(&["a", "s"]);
        tmux.wait_for("New screw-up");
        tmux.type_text(&format!("Interrupted by SIG{name}"));
        tmux.wait_for(&format!("Interrupted by SIG{name}"));
        assert!(signal(&tmux.app_pid(), name).success());
        let screen = tmux.wait_for("exit=");
        assert!(screen.contains(&format!("exit={code}")), "{screen}");
        tmux.wait_for("icanon echo");
        let [draft_path] = &drafts(&journal.dir.path().join("state"))[..] else {
            panic!("one draft: {screen}");
        };
        let draft = read(draft_path);
        assert!(
            draft.contains(&format!("Interrupted by SIG{name}")),
            "{draft}"
        );
    }
}

/// Sends `text` after `A` and Enter, and says how many keys that took.
fn quick_add(tmux: &Tmux, text: &str) -> usize {
    tmux.keys(&["A"]);
    tmux.wait_for("Quick add");
    tmux.type_text(text);
    tmux.keys(&["Enter"]);
    1 + text.chars().count() + 1
}

#[test]
fn quick_add_captures_a_screwup_and_a_promise_in_few_keys_at_both_sizes() {
    for (width, height) in BOTH_SIZES {
        let journal = TestJournal::new();
        let Some(tmux) = Tmux::start_at(&journal, width, height) else {
            return;
        };
        tmux.wait_for("Welcome to jobjournal");

        let keys = quick_add(&tmux, "s Sent Acme the invoice twice @Acme -1200");
        assert!(keys <= 45, "a screw-up took {keys} keys");
        let screen = tmux.wait_for("Saved \"Sent Acme the invoice twice\"");
        assert!(screen.contains("✗ Sent Acme the invoice twice"), "{screen}");
        let day = read(&journal.day_path(TODAY));
        assert!(day.contains("kind = \"screwup\""), "{day}");
        assert!(day.contains("customer = \"Acme\""), "{day}");
        assert!(day.contains("revenue = -1200"), "{day}");

        // TODAY is a Wednesday: "fri" is the Friday two days on.
        let keys = quick_add(&tmux, "p Send Birch the quote due:fri");
        assert!(keys <= 35, "a promise took {keys} keys");
        tmux.wait_for("Saved \"Send Birch the quote\"");
        let day = read(&journal.day_path(TODAY));
        assert!(day.contains("due = 2026-11-20"), "{day}");

        // Tab opens the full form with what the line said.
        tmux.keys(&["A"]);
        tmux.type_text("x Quote turned around 3d>24h +5000");
        tmux.wait_for("exceeded · $5,000");
        tmux.keys(&["Tab"]);
        let form = tmux.wait_for("New exceeded");
        assert!(form.contains("3d"), "{form}");
        tmux.keys(&["Escape"]);
        tmux.wait_for("lose your changes?");
        tmux.keys(&["y", "q"]);
        tmux.wait_for("exit=0");
    }
}

#[test]
fn the_reminder_line_names_an_overdue_promise_and_space_keeps_it() {
    for (width, height) in BOTH_SIZES {
        let journal = TestJournal::new();
        journal.add(&[
            "promise",
            "Send Acme the renewal",
            "--date",
            "2026-11-09",
            "--due",
            "2026-11-13",
        ]);
        journal.add(&["note", "Lunch with the team"]);
        let Some(tmux) = Tmux::start_at(&journal, width, height) else {
            return;
        };
        let screen = tmux.wait_for("⚑ overdue: Send Acme the renewal (due Fri 13 Nov)");
        assert!(screen.contains("! go"), "{screen}");
        // One key goes to it, in its own week; Space marks it kept.
        tmux.keys(&["!"]);
        tmux.wait_for("2026-W46");
        tmux.keys(&["Space"]);
        tmux.wait_for("Saved \"Send Acme the renewal\"");
        tmux.wait_until_gone("⚑ overdue");
        let day = read(&journal.day_path("2026-11-09"));
        assert!(day.contains("status = \"kept\""), "{day}");
        assert!(day.contains(&format!("closed = {TODAY}")), "{day}");
        tmux.keys(&["q"]);
        tmux.wait_for("exit=0");
    }
}

#[test]
fn search_in_the_tui_needs_every_word_as_the_cli_does() {
    for (width, height) in BOTH_SIZES {
        let journal = TestJournal::new();
        journal.add(&[
            "screwup",
            "Sent the invoice twice",
            "--customer",
            "Acme Corp",
        ]);
        journal.add(&["note", "Lunch with the billing team"]);
        let Some(tmux) = Tmux::start_at(&journal, width, height) else {
            return;
        };
        tmux.wait_for("Lunch with the billing team");
        tmux.keys(&["/"]);
        tmux.type_text("birch");
        let screen = tmux.wait_for("0 found");
        assert!(!screen.contains("Lunch with"), "{screen}");
        tmux.keys(&["C-u"]);
        tmux.type_text("INVOICE acme");
        let screen = tmux.wait_for("1 found");
        assert!(screen.contains("Sent the invoice twice"), "{screen}");
        tmux.keys(&["Escape", "q"]);
        tmux.wait_for("exit=0");
    }
}

#[test]
fn u_undoes_a_status_change_then_an_add() {
    for (width, height) in BOTH_SIZES {
        let journal = TestJournal::new();
        let Some(tmux) = Tmux::start_at(&journal, width, height) else {
            return;
        };
        tmux.wait_for("Welcome to jobjournal");
        quick_add(&tmux, "p Call Birch back due:fri");
        tmux.wait_for("Saved \"Call Birch back\"");
        tmux.keys(&["Space"]);
        tmux.wait_for("Call Birch back  kept");
        assert!(read(&journal.day_path(TODAY)).contains("status = \"kept\""));
        tmux.keys(&["u"]);
        tmux.wait_for("Call Birch back  open");
        let day = read(&journal.day_path(TODAY));
        assert!(day.contains("status = \"open\""), "{day}");
        tmux.keys(&["u"]);
        tmux.wait_for("Deleted \"Call Birch back\"");
        let day = read(&journal.day_path(TODAY));
        assert!(!day.contains("Call Birch back"), "{day}");
        tmux.keys(&["u"]);
        tmux.wait_for("Nothing to undo");
        tmux.keys(&["q"]);
        tmux.wait_for("exit=0");
    }
}

#[test]
fn long_titles_end_in_an_ellipsis_and_the_footer_keeps_the_main_keys() {
    for (width, height) in BOTH_SIZES {
        let journal = TestJournal::new();
        journal.add(&[
            "screwup",
            "Quoted Acme the old price list for the renewal, including the extra seats we dropped",
        ]);
        let fix_target = journal.add(&["screwup", "Sent the invoice twice"]);
        journal.add(&["fix", "Added a duplicate check", "--fixes", &fix_target]);
        let Some(tmux) = Tmux::start_at(&journal, width, height) else {
            return;
        };
        let screen = tmux.wait_for("Added a duplicate check");
        let row = screen
            .lines()
            .find(|l| l.contains("Quoted Acme"))
            .expect("the long title is listed");
        assert!(row.contains('…') && row.contains("  open"), "{row}");
        let footer = screen.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
        for hint in [
            "a new",
            "/ search",
            "r report",
            "b bullets",
            "s stats",
            "? help",
            "q quit",
        ] {
            assert!(footer.contains(hint), "{hint:?} in {footer:?}");
        }
        // G goes to the last entry, g to the first; deleting a fixed screw-up names the fix.
        tmux.keys(&["G"]);
        tmux.wait_for("✓ fix ·");
        tmux.keys(&["g", "j", "d"]);
        tmux.wait_for("It is fixed by \"Added a duplicate check\"");
        tmux.keys(&["n", "q"]);
        tmux.wait_for("exit=0");
    }
}

#[test]
fn the_mouse_is_reported_while_open_and_released_after_q() {
    let journal = TestJournal::new();
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    let flags = || {
        tmux.tmux(&[
            "display-message",
            "-p",
            "#{mouse_any_flag}#{mouse_sgr_flag}",
        ])
        .trim()
        .to_string()
    };
    tmux.wait_for("Welcome to jobjournal");
    assert_eq!(flags(), "11", "wheel and clicks reach the app");
    tmux.keys(&["q"]);
    let screen = tmux.wait_for("icanon echo");
    assert!(screen.contains("exit=0"), "{screen}");
    // Left on, the shell would get escape codes for every click.
    assert_eq!(flags(), "00", "mouse reporting is off again");
}

#[test]
fn alt_letters_jump_to_the_money_fields_and_enter_saves_at_both_sizes() {
    for (width, height) in BOTH_SIZES {
        let journal = TestJournal::new();
        let Some(tmux) = Tmux::start_at(&journal, width, height) else {
            return;
        };
        tmux.wait_for("Welcome to jobjournal");
        tmux.keys(&["a", "x"]);
        let form = tmux.wait_for("New exceeded");
        assert!(form.contains("Alt-r        Revenue"), "{form}");
        tmux.type_text("Quote turned around");
        // tmux sends Alt-r as ESC r, as terminals do.
        tmux.keys(&["M-r"]);
        tmux.wait_for("›Alt-r");
        tmux.type_text("5000");
        tmux.keys(&["M-c"]);
        tmux.wait_for("›Alt-c");
        tmux.type_text("Birch Oops");
        // Ctrl-U clears the line, as in a shell.
        tmux.keys(&["C-u"]);
        tmux.type_text("Birch");
        tmux.keys(&["M-x"]);
        tmux.type_text("3 days");
        tmux.keys(&["M-e"]);
        tmux.type_text("4 hours");
        tmux.wait_for("4 hours");
        tmux.keys(&["Enter"]);
        tmux.wait_for("Saved \"Quote turned around\"");
        let day = read(&journal.day_path(TODAY));
        for line in [
            "title = \"Quote turned around\"",
            "revenue = 5000",
            "customer = \"Birch\"",
            "expected = \"3 days\"",
            "delivered = \"4 hours\"",
        ] {
            assert!(day.contains(line), "{line} in:\n{day}");
        }
        tmux.keys(&["q"]);
        tmux.wait_for("exit=0");
    }
}

#[test]
fn a_click_selects_a_search_result_and_the_wheel_moves_at_both_sizes() {
    for (width, height) in BOTH_SIZES {
        let journal = TestJournal::new();
        journal.add(&["note", "Invoice for Acme sent", "--date", "2026-11-02"]);
        journal.add(&["note", "Acme invoice paid"]);
        let Some(tmux) = Tmux::start_at(&journal, width, height) else {
            return;
        };
        tmux.wait_for("Acme invoice paid");
        tmux.keys(&["/"]);
        tmux.type_text("invoice");
        let screen = tmux.wait_for("2 found");
        let row = screen
            .lines()
            .position(|l| l.contains("Invoice for Acme sent"))
            .expect("the older hit is listed");
        // An SGR mouse press and release, 1-based, on that row.
        tmux.tmux(&[
            "send-keys",
            "-l",
            &format!("\x1b[<0;20;{}M\x1b[<0;20;{}m", row + 1, row + 1),
        ]);
        tmux.wait_for("Mon 2 Nov 2026");
        // The wheel (button 64 up) moves the selection back to the first hit.
        tmux.tmux(&["send-keys", "-l", &format!("\x1b[<64;20;{}M", row + 1)]);
        tmux.wait_for("Wed 18 Nov 2026");
        tmux.keys(&["Escape", "q"]);
        tmux.wait_for("exit=0");
    }
}

/// The keys a person types, counted step by step: a named key or a chord
/// (`C-s`, `M-r`) is one key, typed text one key a character.
struct Typist<'a> {
    tmux: &'a Tmux,
    steps: Vec<(&'static str, usize)>,
    typed: usize,
}

impl Typist<'_> {
    fn keys(&mut self, keys: &[&str]) {
        self.tmux.keys(keys);
        self.typed += keys.len();
    }

    fn text(&mut self, text: &str) {
        self.tmux.type_text(text);
        self.typed += text.chars().count();
    }

    /// `A`, the line, Enter.
    fn quick(&mut self, line: &str) {
        self.keys(&["A"]);
        self.tmux.wait_for("Quick add");
        self.text(line);
        self.keys(&["Enter"]);
    }

    /// Ends a step once `text` shows.
    fn done(&mut self, step: &'static str, text: &str) {
        self.tmux.wait_for(text);
        self.steps.push((step, std::mem::take(&mut self.typed)));
    }
}

/// A working day journaled in the real binary: eight entries (quick add
/// and the form), a promise kept, an edit, a delete undone; then the day's
/// file holds exactly that. Prints the keys per step and the wall time
/// (`cargo test --test tui_e2e a_full_day -- --nocapture`) for the README.
#[test]
fn a_full_day_in_keys() {
    let journal = TestJournal::new();
    let Some(tmux) = Tmux::start(&journal) else {
        return;
    };
    tmux.wait_for("Welcome to jobjournal");
    let start = Instant::now();
    let mut day = Typist {
        tmux: &tmux,
        steps: Vec::new(),
        typed: 0,
    };
    day.quick("s Sent Acme the invoice twice @Acme -1200 #billing");
    day.done(
        "screw-up with customer, money, tag (quick add)",
        "Saved \"Sent Acme the invoice twice\"",
    );
    day.quick("p Send Birch the quote due:fri");
    day.done(
        "promise due Friday (quick add)",
        "Saved \"Send Birch the quote\"",
    );
    day.quick("x Quote turned around 3d>24h @Birch +5000");
    day.done(
        "exceeded with expected>delivered, customer, money (quick add)",
        "Saved \"Quote turned around\"",
    );
    day.keys(&["a", "f"]);
    tmux.wait_for("New fix");
    day.text("Added a duplicate invoice check");
    day.keys(&["M-x", "Space", "M-h"]);
    day.text("3");
    day.keys(&["Enter"]);
    day.done(
        "fix linked to the screw-up, hours saved (form, Alt-x, Alt-h)",
        "Saved \"Added a duplicate invoice check\"",
    );
    day.quick("m Monthly report sent on time @Acme");
    day.done("met (quick add)", "Saved \"Monthly report sent on time\"");
    day.keys(&["a", "n"]);
    tmux.wait_for("New note");
    day.text("Lunch with the billing team");
    day.keys(&["M-c"]);
    day.text("Acme");
    day.keys(&["M-g"]);
    day.text("team");
    day.keys(&["Enter"]);
    day.done(
        "note with customer and tag (form, Alt-c, Alt-g)",
        "Saved \"Lunch with the billing team\"",
    );
    day.quick("p Call Cedar back due:tomorrow");
    day.done(
        "promise due tomorrow (quick add)",
        "Saved \"Call Cedar back\"",
    );
    day.quick("n Renewal call moved to Monday @Cedar");
    day.done("note (quick add)", "Saved \"Renewal call moved to Monday\"");
    day.keys(&["g", "j", "Space"]);
    day.done("promise kept (g j Space)", "Send Birch the quote  kept");
    day.keys(&["g", "j", "j", "j", "j", "e"]);
    tmux.wait_for("Edit met");
    day.keys(&["M-r"]);
    day.text("800");
    day.keys(&["Enter"]);
    day.done(
        "edit: revenue on the met (e, Alt-r)",
        "Saved \"Monthly report sent on time\"",
    );
    day.keys(&["G", "d", "y"]);
    tmux.wait_for("Deleted \"Renewal call moved to Monday\"");
    day.keys(&["u"]);
    day.done(
        "delete, then undo (G d y u)",
        "Restored \"Renewal call moved to Monday\"",
    );
    let elapsed = start.elapsed();
    day.keys(&["q"]);
    tmux.wait_for("exit=0");

    let file = read(&journal.day_path(TODAY));
    assert_eq!(file.matches("kind = ").count(), 8, "{file}");
    for kind in ["screwup", "fix", "exceeded", "met", "promise", "note"] {
        assert!(
            file.contains(&format!("kind = \"{kind}\"")),
            "{kind}:\n{file}"
        );
    }
    for line in [
        "revenue = -1200",
        "due = 2026-11-20",
        "status = \"kept\"",
        &format!("closed = {TODAY}"),
        "expected = \"3d\"",
        "revenue = 5000",
        "hours_saved = 3",
        "revenue = 800",
        "customer = \"Cedar\"",
        "due = 2026-11-19",
        "title = \"Renewal call moved to Monday\"",
    ] {
        assert!(file.contains(line), "{line} in:\n{file}");
    }
    // The fix names the screw-up by its id.
    let screwup_id = file
        .split("[[entry]]")
        .find(|e| e.contains("Sent Acme the invoice twice"))
        .and_then(|e| e.lines().find(|l| l.starts_with("id = ")))
        .map(|l| l.trim_start_matches("id = ").trim_matches('"').to_string())
        .expect("the screw-up's id");
    assert!(
        file.contains(&format!("fixes = [\"{screwup_id}\"]")),
        "{file}"
    );

    let total: usize = day.steps.iter().map(|(_, n)| n).sum();
    for (step, keys) in &day.steps {
        println!("| {step} | {keys} |");
    }
    println!("| total | {total} |");
    println!("wall time in tmux: {:.1} s", elapsed.as_secs_f64());
    // The README's "A day in keys" gives this count step by step: a change
    // in the keys a day takes must change that table too.
    assert_eq!(total, 331, "{total} keys");
}

#[test]
fn search_lists_a_title_match_above_a_newer_details_match_at_both_sizes() {
    for (width, height) in BOTH_SIZES {
        let journal = TestJournal::new();
        journal.add(&["note", "Renewal signed with Birch", "--date", "2026-10-05"]);
        journal.add(&[
            "note",
            "Lunch",
            "--details",
            "Birch talked about the renewal",
        ]);
        let Some(tmux) = Tmux::start_at(&journal, width, height) else {
            return;
        };
        tmux.wait_for("Lunch");
        tmux.keys(&["/"]);
        tmux.type_text("renewal birch");
        // Each key redraws: wait for the whole query's results.
        tmux.wait_for("renewal birch");
        let screen = tmux.wait_for("details: Birch talked about the renewal");
        assert!(screen.contains("2 found"), "{screen}");
        let at = |text: &str| {
            screen
                .find(text)
                .unwrap_or_else(|| panic!("{text}:\n{screen}"))
        };
        assert!(at("2026-10-05") < at("2026-11-18"), "{screen}");
        tmux.keys(&["Escape", "q"]);
        tmux.wait_for("exit=0");
    }
}

/// The screen draws the trend as bars and leaves out the Markdown's
/// sparkline line; `x` still writes it, the file being byte for byte what
/// `report --format md` prints.
#[test]
fn x_exports_the_report_the_cli_prints_sparklines_and_all() {
    let (journal, exports) = exporting_journal();
    journal.add(&[
        "screwup",
        "Sent Acme the invoice twice",
        "--date",
        "2026-11-10",
    ]);
    journal.add(&["met", "Monthly close on time"]);
    let Some(tmux) = Tmux::start_at(&journal, "120", "40") else {
        return;
    };
    tmux.wait_for("Monthly close on time");
    tmux.keys(&["r", "G"]);
    let screen = tmux.wait_for("One scale for every column");
    assert!(!screen.contains("(one scale: █"), "{screen}");
    tmux.keys(&["x"]);
    tmux.wait_for("Wrote ");
    let file = read(&exports.join("report-2026-W47.md"));
    let printed = journal
        .cmd()
        .args(["report", "--week", "2026-W47", "--format", "md"])
        .output()
        .unwrap();
    assert!(printed.status.success());
    assert_eq!(file, String::from_utf8(printed.stdout).unwrap());
    assert!(file.contains("(one scale: █ = 1)"), "{file}");
    tmux.keys(&["q", "q"]);
    tmux.wait_for("exit=0");
}
