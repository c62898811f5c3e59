//! The journal as a git repository, against a real git: `init --git`, the
//! merge driver in real clones of a bare remote, `sync`, commits on save,
//! conflicts that are reported and never overwritten, and no git at all.
//!
//! Git never reads the machine's config here: HOME and XDG_CONFIG_HOME are
//! temp dirs, GIT_CONFIG_NOSYSTEM is set and the identity comes from env.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-11-18";

/// A temp world: a home, a bare remote, and journals ("machines") in it.
struct World {
    dir: tempfile::TempDir,
}

/// One machine's journal and config.
struct Machine<'w> {
    world: &'w World,
    name: &'static str,
}

impl World {
    fn new() -> World {
        let world = World {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        fs::create_dir_all(world.home()).unwrap();
        world
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn remote(&self) -> PathBuf {
        self.dir.path().join("remote.git")
    }

    /// Env that keeps git away from the machine's own config.
    fn isolate(&self, cmd: &mut Command) {
        cmd.env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_CONFIG_GLOBAL")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env("GIT_AUTHOR_NAME", "Test Author")
            .env("GIT_AUTHOR_EMAIL", "author@example.invalid")
            .env("GIT_COMMITTER_NAME", "Test Author")
            .env("GIT_COMMITTER_EMAIL", "author@example.invalid")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("LC_ALL", "C");
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let mut cmd = Command::new("git");
        self.isolate(&mut cmd);
        let output = cmd.arg("-C").arg(dir).args(args).output().unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn bare_remote(&self) {
        self.git(
            self.dir.path(),
            &["init", "--quiet", "--bare", "remote.git"],
        );
    }

    fn machine(&self, name: &'static str) -> Machine<'_> {
        Machine { world: self, name }
    }
}

impl Machine<'_> {
    fn root(&self) -> PathBuf {
        self.world.dir.path().join(self.name)
    }

    fn config_path(&self) -> PathBuf {
        self.world
            .dir
            .path()
            .join(format!("{}-config.toml", self.name))
    }

    fn config(&self, text: &str) {
        fs::write(self.config_path(), text).unwrap();
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jobjournal"));
        self.world.isolate(&mut cmd);
        cmd.env("JOBJOURNAL_DIR", self.root())
            .env("JOBJOURNAL_CONFIG", self.config_path())
            .env(
                "JOBJOURNAL_STATE_DIR",
                self.world.dir.path().join("state").join(self.name),
            )
            .env("JOBJOURNAL_TODAY", TODAY)
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs the app and insists it succeeds; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "{} {args:?}: {}{}",
            self.name,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    fn add(&self, args: &[&str]) -> String {
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        self.ok(&all).trim().to_string()
    }

    /// Edits an entry's title as a user would in $EDITOR (here: sed, no shell).
    fn retitle(&self, id: &str, from: &str, to: &str) {
        let output = self
            .cmd()
            .env("EDITOR", format!("sed -i s/{from}/{to}/"))
            .args(["edit", id])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "edit: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn git(&self, args: &[&str]) -> String {
        self.world.git(&self.root(), args)
    }

    /// Every entry in the journal, as `list --format json` gives it.
    fn titles(&self) -> Vec<String> {
        let out = self.ok(&[
            "list",
            "--since",
            "2026-01-01",
            "--until",
            "2026-12-31",
            "--format",
            "json",
        ]);
        let entries: Vec<Value> = serde_json::from_str(&out).unwrap();
        let mut titles: Vec<String> = entries
            .iter()
            .map(|e| e["title"].as_str().unwrap().to_string())
            .collect();
        titles.sort();
        titles
    }

    fn day(&self, date: &str) -> PathBuf {
        self.root().join(&date[..4]).join(format!("{date}.toml"))
    }

    fn subjects(&self) -> Vec<String> {
        self.git(&["log", "--format=%s"])
            .lines()
            .map(str::to_string)
            .collect()
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Laptop starts the journal and pushes it; desktop clones it and syncs.
fn two_machines(world: &World) -> (Machine<'_>, Machine<'_>) {
    world.bare_remote();
    let laptop = world.machine("laptop");
    let desktop = world.machine("desktop");
    laptop.config("git = true\n");
    desktop.config("git = true\n");
    laptop.ok(&["init", "--git"]);
    let remote = world.remote();
    laptop.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    let out = laptop.ok(&["sync"]);
    assert!(out.contains("pushed 1 commit to origin"), "{out}");
    world.git(
        world.dir.path(),
        &["clone", "--quiet", remote.to_str().unwrap(), "desktop"],
    );
    let out = desktop.ok(&["sync"]);
    assert!(out.contains("registered the merge driver"), "{out}");
    // As docs/git.md says: init in the clone makes it private (0700).
    let out = desktop.ok(&["init", "--git"]);
    assert!(out.contains("in its git repository"), "{out}");
    assert!(!out.contains("committed"), "{out}");
    (laptop, desktop)
}

#[test]
fn init_git_makes_a_private_repo_ready_for_two_machines() {
    let world = World::new();
    let laptop = world.machine("laptop");
    laptop.config("");
    let out = laptop.ok(&["init", "--git"]);
    assert!(out.contains("as a new git repository"), "{out}");
    assert!(
        out.contains("git = true"),
        "the hint names the setting: {out}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(laptop.root()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    let ignore = fs::read_to_string(laptop.root().join(".gitignore")).unwrap();
    for line in [
        ".jobjournal.lock",
        ".jobjournal.index",
        ".*.jjtmp",
        "draft.json",
    ] {
        assert!(ignore.lines().any(|l| l == line), "{line} in {ignore}");
    }
    let attributes = fs::read_to_string(laptop.root().join(".gitattributes")).unwrap();
    assert!(attributes.lines().any(|l| l == "*.toml merge=jobjournal"));
    let driver = laptop.git(&["config", "--local", "merge.jobjournal.driver"]);
    assert!(
        driver.trim().ends_with("merge-driver %O %A %B %P"),
        "{driver}"
    );
    assert_eq!(laptop.subjects(), ["jobjournal init: start the journal"]);

    // Lock and temp files stay out of git; running init again changes nothing.
    laptop.add(&["note", "A first note"]);
    fs::write(
        laptop.root().join("2026").join(".x.toml.0badf00d.jjtmp"),
        "",
    )
    .unwrap();
    let status = laptop.git(&["status", "--porcelain", "--ignored"]);
    assert!(status.contains("!! .jobjournal.lock"), "{status}");
    assert!(
        status.contains("!! 2026/.x.toml.0badf00d.jjtmp"),
        "{status}"
    );
    laptop.ok(&["init", "--git"]);
    assert_eq!(
        fs::read_to_string(laptop.root().join(".gitignore")).unwrap(),
        ignore
    );
}

#[test]
fn init_without_git_creates_the_configured_dir() {
    let world = World::new();
    let laptop = world.machine("laptop");
    laptop.config("");
    let out = laptop.ok(&["init"]);
    assert!(out.starts_with("created journal"), "{out}");
    assert!(laptop.root().is_dir());
    assert!(!laptop.root().join(".git").exists());
    let elsewhere = world.dir.path().join("elsewhere");
    laptop.ok(&["init", elsewhere.to_str().unwrap(), "--git"]);
    assert!(elsewhere.join(".git").is_dir());
}

#[test]
fn every_save_is_one_commit_naming_what_changed() {
    let world = World::new();
    let laptop = world.machine("laptop");
    laptop.config("git = true\n");
    laptop.ok(&["init", "--git"]);
    let fix = laptop.add(&["fix", "Added a duplicate-invoice check"]);
    let kept = laptop.add(&["promise", "Send Birch the contract", "--due", "2026-11-20"]);
    let missed = laptop.add(&[
        "promise",
        "Call Acme back",
        "--due",
        "2026-11-19",
        "--date",
        "2026-11-17",
    ]);
    laptop.ok(&["done", &kept]);
    laptop.ok(&["missed", &missed]);
    laptop.retitle(&fix, "duplicate-invoice", "double-invoice");
    laptop.ok(&["delete", &kept]);
    let expected = [
        format!("delete promise {kept}: Send Birch the contract"),
        format!("edit fix {fix}: Added a double-invoice check"),
        format!("missed promise {missed}: Call Acme back"),
        format!("done promise {kept}: Send Birch the contract"),
        format!("add promise {missed}: Call Acme back"),
        format!("add promise {kept}: Send Birch the contract"),
        format!("add fix {fix}: Added a duplicate-invoice check"),
        "jobjournal init: start the journal".to_string(),
    ];
    assert_eq!(laptop.subjects(), expected);
    // Each commit holds exactly the day file it changed, and nothing is left over.
    let files = laptop.git(&["show", "--format=", "--name-only", "HEAD~4"]);
    assert_eq!(files.trim(), "2026/2026-11-17.toml");
    assert_eq!(laptop.git(&["status", "--porcelain"]), "");
}

#[test]
fn an_import_is_one_commit_of_every_day_it_wrote() {
    let world = World::new();
    let laptop = world.machine("laptop");
    laptop.config("git = true\n");
    laptop.ok(&["init", "--git"]);
    let file = world.dir.path().join("jrnl.txt");
    std::fs::write(
        &file,
        "[2026-10-01 14:30] Sent Acme the invoice twice.\n\n\
         [2026-11-28 09:00] Added a check @fix\n",
    )
    .unwrap();
    laptop.ok(&["import", "jrnl", file.to_str().unwrap()]);
    assert_eq!(
        laptop.subjects(),
        ["import: 2 entries", "jobjournal init: start the journal"]
    );
    let files = laptop.git(&["show", "--format=", "--name-only", "HEAD"]);
    assert_eq!(
        files.trim().lines().collect::<Vec<_>>(),
        ["2026/2026-10-01.toml", "2026/2026-11-28.toml"]
    );
    assert_eq!(laptop.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_commit_git_refuses_never_loses_the_save() {
    let world = World::new();
    let laptop = world.machine("laptop");
    laptop.config("git = true\n");
    // A journal that is not a repository, with git = true.
    laptop.ok(&["init"]);
    let output = laptop.run(&["add", "note", "Saved all the same"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("saved, but not committed to git"), "{err}");
    assert!(err.contains("not a git repository"), "{err}");
    assert!(err.contains("jobjournal init --git"), "{err}");
    assert_eq!(laptop.titles(), ["Saved all the same"]);
}

#[test]
fn without_git_installed_every_command_says_so_plainly() {
    let world = World::new();
    let laptop = world.machine("laptop");
    laptop.config("git = true\n");
    let empty = world.dir.path().join("empty-bin");
    fs::create_dir_all(&empty).unwrap();
    let run = |args: &[&str]| {
        laptop
            .cmd()
            .env("PATH", &empty)
            .args(args)
            .output()
            .unwrap()
    };

    let output = run(&["init", "--git"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("git is not installed"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!laptop.root().exists(), "nothing is created without git");

    let output = run(&["sync"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("git is not installed"));

    let output = run(&["add", "note", "Still saved"]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("git is not installed"));
    assert_eq!(laptop.titles(), ["Still saved"]);
}

#[test]
fn two_machines_adding_and_editing_merge_cleanly_with_sync() {
    let world = World::new();
    let (laptop, desktop) = two_machines(&world);
    // Both start from the same two entries of one day.
    let first = laptop.add(&["screwup", "Sent Acme the invoice twice"]);
    let second = laptop.add(&["note", "Lunch with billing"]);
    laptop.ok(&["sync"]);
    desktop.ok(&["sync"]);

    // Apart: both add to the same day and to other days, and each edits a
    // different entry of the shared day.
    laptop.add(&["fix", "Laptop fix", "--fixes", &first]);
    laptop.add(&["note", "Laptop Monday", "--date", "2026-11-16"]);
    laptop.retitle(&first, "twice", "two-times");
    desktop.add(&["met", "Desktop met"]);
    desktop.add(&["note", "Desktop Thursday", "--date", "2026-11-19"]);
    desktop.retitle(&second, "billing", "finance");

    let out = laptop.ok(&["sync"]);
    assert!(out.contains("pushed 3 commits"), "{out}");
    let out = desktop.ok(&["sync"]);
    assert!(out.contains("pulled 3 commits from origin"), "{out}");
    assert!(out.contains("pushed 3 commits to origin"), "{out}");
    laptop.ok(&["sync"]);

    let expected = [
        "Desktop Thursday",
        "Desktop met",
        "Laptop Monday",
        "Laptop fix",
        "Lunch with finance",
        "Sent Acme the invoice two-times",
    ];
    assert_eq!(laptop.titles(), expected);
    assert_eq!(desktop.titles(), expected);
    assert_eq!(
        fs::read(laptop.day(TODAY)).unwrap(),
        fs::read(desktop.day(TODAY)).unwrap()
    );
    for machine in [&laptop, &desktop] {
        let out = machine.ok(&["check"]);
        assert!(out.starts_with("ok: 6 entries"), "{out}");
        assert_eq!(machine.git(&["status", "--porcelain"]), "");
    }
}

#[test]
fn a_plain_git_pull_merges_day_files_entry_by_entry() {
    let world = World::new();
    let (laptop, desktop) = two_machines(&world);
    laptop.add(&["note", "Laptop one"]);
    laptop.ok(&["sync"]);
    desktop.ok(&["sync"]);
    laptop.add(&["note", "Laptop two"]);
    laptop.ok(&["sync"]);
    desktop.add(&["note", "Desktop two"]);
    // Plain git, merge rather than rebase: the driver registered by sync runs.
    desktop.git(&["-c", "pull.rebase=false", "pull", "--quiet", "--no-edit"]);
    assert_eq!(
        desktop.titles(),
        ["Desktop two", "Laptop one", "Laptop two"]
    );
    assert!(desktop.ok(&["check"]).starts_with("ok: 3 entries"));
    // A clone without the driver falls back to git's line merge: the same
    // change is a plain conflict there, which is why sync registers it.
    desktop.git(&["config", "--local", "--remove-section", "merge.jobjournal"]);
    desktop.add(&["note", "Desktop three"]);
    laptop.add(&["note", "Laptop three"]);
    laptop.ok(&["sync"]);
    let mut pull = Command::new("git");
    world.isolate(&mut pull);
    let output = pull
        .arg("-C")
        .arg(desktop.root())
        .args(["-c", "pull.rebase=false", "pull", "--no-edit"])
        .output()
        .unwrap();
    assert!(!output.status.success(), "without the driver git conflicts");
    desktop.git(&["merge", "--abort"]);
    let out = desktop.ok(&["sync"]);
    assert!(out.contains("registered the merge driver"), "{out}");
    assert_eq!(desktop.titles().len(), 5);
}

#[test]
fn the_same_entry_changed_on_both_machines_is_a_conflict_the_user_resolves() {
    let world = World::new();
    let (laptop, desktop) = two_machines(&world);
    let shared = laptop.add(&["note", "Quote for Birch"]);
    laptop.add(&["note", "Untouched"]);
    laptop.ok(&["sync"]);
    desktop.ok(&["sync"]);

    laptop.retitle(&shared, "Birch", "Birch-Ltd");
    desktop.retitle(&shared, "Birch", "Birch-and-Sons");
    desktop.add(&["note", "Desktop extra"]);
    laptop.ok(&["sync"]);

    let output = desktop.run(&["sync"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let err = stderr(&output);
    assert!(err.contains("conflict"), "{err}");
    assert!(err.contains("2026-11-18.toml"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    // Markers surround that one entry only; the untouched one is plain.
    let path = desktop.day(TODAY);
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("<<<<<<< ").count(), 1, "{text}");
    assert!(text.contains("Birch-Ltd") && text.contains("Birch-and-Sons"));
    let untouched = text.find("Untouched").unwrap();
    assert!(untouched > text.find(">>>>>>> ").unwrap(), "{text}");

    // `check` names it with line and column and says how to resolve it.
    let output = desktop.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    let line = text
        .lines()
        .position(|l| l.starts_with("<<<<<<< "))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "2026-11-18.toml:{line}:1: unresolved merge conflict markers"
        )),
        "{out}"
    );
    assert!(out.contains("delete the marker lines"), "{out}");
    assert!(out.contains("run `jobjournal sync`"), "{out}");

    // The app never writes over it, and `sync` will not push it.
    let output = desktop.run(&["add", "note", "Refused"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("conflict"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let output = desktop.run(&["delete", &shared]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("2026-11-18.toml:1:1: unresolved merge conflict markers"),
        "{err}"
    );
    assert!(err.contains("The file was not changed"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let output = desktop.run(&["sync"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("still has conflict markers"));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    // The user keeps the desktop's version; sync finishes the merge.
    let resolved = keep_side(&text, Side::Theirs);
    assert!(resolved.contains("Birch-and-Sons") && !resolved.contains("Birch-Ltd"));
    fs::write(&path, resolved).unwrap();
    let out = desktop.ok(&["sync"]);
    assert!(out.contains("finished the interrupted merge"), "{out}");
    assert!(out.contains("pushed"), "{out}");
    laptop.ok(&["sync"]);
    let expected = ["Desktop extra", "Quote for Birch-and-Sons", "Untouched"];
    assert_eq!(laptop.titles(), expected);
    assert_eq!(desktop.titles(), expected);
    assert!(desktop.ok(&["check"]).starts_with("ok: 3 entries"));
}

enum Side {
    Ours,
    Theirs,
}

/// Resolves every conflict in `text` by keeping one side.
fn keep_side(text: &str, side: Side) -> String {
    let mut out = String::new();
    let mut state = 0; // 0 outside, 1 ours, 2 theirs
    for line in text.split_inclusive('\n') {
        if line.starts_with("<<<<<<< ") {
            state = 1;
        } else if line.starts_with("=======") && state == 1 {
            state = 2;
        } else if line.starts_with(">>>>>>> ") {
            state = 0;
        } else if state == 0
            || (state == 1 && matches!(side, Side::Ours))
            || (state == 2 && matches!(side, Side::Theirs))
        {
            out.push_str(line);
        }
    }
    out
}

#[test]
fn a_sync_tools_conflict_copy_is_reported_with_a_way_out() {
    let world = World::new();
    let laptop = world.machine("laptop");
    laptop.config("");
    laptop.add(&["note", "The real one"]);
    let copy = laptop
        .root()
        .join("2026")
        .join("2026-11-18.sync-conflict-20261118-101010-ABCDEFG.toml");
    fs::copy(laptop.day(TODAY), &copy).unwrap();
    let dropbox = laptop
        .root()
        .join("2026")
        .join("2026-11-18 (Ada's conflicted copy 2026-11-18).toml");
    fs::copy(laptop.day(TODAY), &dropbox).unwrap();
    let output = laptop.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.contains("sync-conflict-20261118-101010-ABCDEFG.toml:1:1: a sync conflict copy"),
        "{out}"
    );
    assert!(
        out.contains("conflicted copy 2026-11-18).toml:1:1: a sync conflict copy"),
        "{out}"
    );
    assert!(out.contains("then delete it"), "{out}");
    // The day file itself is still the app's to write.
    laptop.add(&["note", "Another"]);
}

#[test]
fn the_merge_driver_leaves_files_it_cannot_read_to_a_line_merge() {
    let world = World::new();
    let laptop = world.machine("laptop");
    let dir = world.dir.path();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        path
    };
    // Runs the driver as git would, on three versions of `name`; ours is merged in place.
    let merge = |name: &str, base: &str, ours: &str, theirs: &str| {
        let ours_path = write("ours", ours);
        let output = laptop
            .cmd()
            .current_dir(dir)
            .args(["merge-driver"])
            .args([&write("base", base), &ours_path, &write("theirs", theirs)])
            .arg(name)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        (output, ours_path)
    };
    let (output, ours) = merge(
        "notes.toml",
        "# not a day file\na\nb\nc\n",
        "# not a day file\nA\nb\nc\n",
        "# not a day file\na\nb\nC\n",
    );
    assert!(stderr(&output).contains("line by line"));
    assert_eq!(
        fs::read_to_string(&ours).unwrap(),
        "# not a day file\nA\nb\nC\n"
    );

    // Valid TOML that is not a day file (a config kept in the repo) must
    // not be merged by entry: that would drop theirs' keys.
    let (_, ours) = merge(
        "config.toml",
        "name = \"Ada\"\nrole = \"Ops\"\ngit = true\n",
        "name = \"Ada L\"\nrole = \"Ops\"\ngit = true\n",
        "name = \"Ada\"\nrole = \"Ops\"\ngit = false\n",
    );
    assert_eq!(
        fs::read_to_string(&ours).unwrap(),
        "name = \"Ada L\"\nrole = \"Ops\"\ngit = false\n"
    );
}

#[test]
fn journals_started_apart_join_through_one_remote() {
    let world = World::new();
    world.bare_remote();
    let remote = world.remote();
    let laptop = world.machine("laptop");
    let desktop = world.machine("desktop");
    for machine in [&laptop, &desktop] {
        machine.config("git = true\n");
        machine.ok(&["init", "--git"]);
        let out = machine.ok(&["sync"]);
        assert!(out.contains("no remote to pull from or push to"), "{out}");
    }
    laptop.add(&["note", "Laptop note"]);
    desktop.add(&["note", "Desktop note"]);
    desktop.add(&["note", "Desktop Friday", "--date", "2026-11-20"]);
    for machine in [&laptop, &desktop] {
        machine.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
        machine.ok(&["sync"]);
    }
    laptop.ok(&["sync"]);
    let expected = ["Desktop Friday", "Desktop note", "Laptop note"];
    assert_eq!(laptop.titles(), expected);
    assert_eq!(desktop.titles(), expected);
}

#[test]
fn sync_commits_saves_made_without_git_true() {
    let world = World::new();
    let laptop = world.machine("laptop");
    laptop.config("");
    laptop.ok(&["init", "--git"]);
    laptop.add(&["note", "Uncommitted one"]);
    laptop.add(&["note", "Uncommitted two", "--date", "2026-11-17"]);
    assert_eq!(laptop.subjects().len(), 1, "no commits without git = true");
    let out = laptop.ok(&["sync"]);
    assert!(out.contains("committed 2 changed files"), "{out}");
    assert_eq!(
        laptop.subjects()[0],
        "sync: changes to 2026-11-17, 2026-11-18"
    );
    assert_eq!(laptop.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_conflict_from_a_plain_git_merge_is_finished_by_sync() {
    let world = World::new();
    let (laptop, desktop) = two_machines(&world);
    let shared = laptop.add(&["promise", "Send Birch the contract", "--due", "2026-11-20"]);
    laptop.ok(&["sync"]);
    desktop.ok(&["sync"]);
    laptop.retitle(&shared, "contract", "signed-contract");
    desktop.retitle(&shared, "contract", "revised-contract");
    laptop.ok(&["sync"]);

    let mut pull = Command::new("git");
    world.isolate(&mut pull);
    let output = pull
        .arg("-C")
        .arg(desktop.root())
        .args(["-c", "pull.rebase=false", "pull", "--no-edit"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let text = fs::read_to_string(desktop.day(TODAY)).unwrap();
    let out = stdout(&desktop.run(&["check"]));
    assert!(out.contains("unresolved merge conflict markers"), "{out}");
    assert!(out.contains("run `jobjournal sync`"), "{out}");

    // In a merge, ours is this machine's version: keep it.
    fs::write(desktop.day(TODAY), keep_side(&text, Side::Ours)).unwrap();
    let out = desktop.ok(&["sync"]);
    assert!(out.contains("finished the interrupted merge"), "{out}");
    assert!(out.contains("pushed"), "{out}");
    laptop.ok(&["sync"]);
    assert_eq!(laptop.titles(), ["Send Birch the revised-contract"]);
    assert_eq!(desktop.titles(), ["Send Birch the revised-contract"]);
    assert_eq!(desktop.git(&["status", "--porcelain"]), "");
}

#[test]
fn concurrent_saves_each_commit_without_tripping_over_gits_lock() {
    let world = World::new();
    let laptop = world.machine("laptop");
    laptop.config("git = true\n");
    laptop.ok(&["init", "--git"]);
    // Commits happen under the journal lock, so four processes saving at
    // once never race for git's index.lock.
    let outputs: Vec<Output> = std::thread::scope(|scope| {
        let laptop = &laptop;
        let handles: Vec<_> = (0..4)
            .map(|n| scope.spawn(move || laptop.run(&["add", "note", &format!("Parallel {n}")])))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for output in outputs {
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    }
    assert_eq!(laptop.titles().len(), 4);
    assert_eq!(laptop.subjects().len(), 5);
    assert_eq!(laptop.git(&["status", "--porcelain"]), "");
}

/// What an outer repository holds, to show a nested journal left it alone:
/// its commits (none), what is staged, its merge config, the remote's refs.
fn outer_state(world: &World, outer: &Path) -> (bool, String, String, String) {
    let has_head = {
        let mut cmd = Command::new("git");
        world.isolate(&mut cmd);
        cmd.arg("-C")
            .arg(outer)
            .args(["rev-parse", "--verify", "--quiet", "HEAD"])
            .output()
            .unwrap()
            .status
            .success()
    };
    let staged = world.git(outer, &["diff", "--cached", "--name-only"]);
    let config = fs::read_to_string(outer.join(".git").join("config")).unwrap();
    let remote = world.git(&world.remote(), &["for-each-ref"]);
    (has_head, staged, config, remote)
}

#[test]
fn a_journal_inside_another_repository_is_never_committed_pushed_or_configured_there() {
    let world = World::new();
    world.bare_remote();
    // A home kept in git (dotfiles) with a remote and something staged,
    // and the journal in a folder inside it.
    let outer = world.dir.path().join("dotfiles");
    fs::create_dir_all(&outer).unwrap();
    world.git(&outer, &["init", "--quiet"]);
    fs::write(outer.join("secret.env"), "TOKEN=do-not-push\n").unwrap();
    world.git(&outer, &["add", "secret.env"]);
    let remote = world.remote();
    world.git(
        &outer,
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    let before = outer_state(&world, &outer);
    assert_eq!(before.1.trim(), "secret.env");

    let journal = world.machine("dotfiles/journal");
    journal.config("git = true\n");

    // A save lands, is not committed, and says why.
    let output = journal.run(&["add", "note", "Kept out of the dotfiles"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("not committed to git"), "{err}");
    assert!(err.contains("inside the git repository"), "{err}");
    assert_eq!(err.matches("not committed").count(), 1, "{err}");
    assert_eq!(journal.titles(), ["Kept out of the dotfiles"]);
    assert_eq!(outer_state(&world, &outer), before);

    for args in [&["sync"][..], &["init", "--git"][..]] {
        let output = journal.run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let err = stderr(&output);
        assert!(err.contains("inside the git repository"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert_eq!(outer_state(&world, &outer), before, "{args:?}");
        assert!(!journal.root().join(".git").exists(), "{args:?}");
        assert!(!journal.root().join(".gitattributes").exists(), "{args:?}");
    }
}

#[test]
fn sync_on_a_detached_head_refuses_before_committing_anything() {
    let world = World::new();
    let laptop = world.machine("laptop");
    laptop.config("");
    laptop.ok(&["init", "--git"]);
    laptop.add(&["note", "Written while detached"]);
    laptop.git(&["checkout", "--quiet", "--detach"]);
    let head = laptop.git(&["rev-parse", "HEAD"]);

    let output = laptop.run(&["sync"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("detached"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(laptop.git(&["rev-parse", "HEAD"]), head);
    assert!(
        laptop
            .git(&["status", "--porcelain", "--untracked-files=all"])
            .contains("2026-11-18.toml"),
        "the save is still pending"
    );
}

#[test]
fn git_dir_in_the_environment_never_sends_commits_elsewhere() {
    let world = World::new();
    world.bare_remote();
    let outer = world.dir.path().join("dotfiles");
    fs::create_dir_all(&outer).unwrap();
    world.git(&outer, &["init", "--quiet"]);
    let laptop = world.machine("laptop");
    laptop.config("git = true\n");
    laptop.ok(&["init", "--git"]);
    // As a hook of another repository, or a dotfiles setup, would have it.
    let output = laptop
        .cmd()
        .env("GIT_DIR", outer.join(".git"))
        .env("GIT_WORK_TREE", &outer)
        .args(["add", "note", "Into the journal's own history"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert_eq!(laptop.subjects().len(), 2, "{:?}", laptop.subjects());
    assert!(
        !outer_state(&world, &outer).0,
        "no commit in the other repository"
    );
}
