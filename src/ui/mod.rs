//! The TUI: one week at a time, a form to capture entries in seconds, search,
//! report, bullets and stats. `App` (pure state) decides, `Effects` touches
//! the store and the files, `views` draw.
//!
//! This module is the runner, and all it does is: read terminal events (and
//! the background load, signals, the clock's tick) as `Action`s, hand each to
//! `App::update`, run the `Effect`s it returns through `Effects`, feed their
//! answers back to `update`, and draw. `update` is the only way the App
//! changes: a git warning, a report to render, a week changed on disk all
//! arrive as actions, never through a flag or a shared value.

pub mod action;
pub mod app;
pub mod draft;
pub mod effects;
pub mod form;
pub mod guide;
pub mod keymap;
pub mod layout;
pub mod reports;
pub mod search;
pub mod theme;
pub mod views;

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::NaiveDate;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use ratatui::DefaultTerminal;

use self::action::{Action, Effect};
use self::app::{App, Settings};
use self::effects::Effects;
use self::keymap::KeyMap;
use crate::config::{self, Config};
use crate::store::{Journal, Stray};

/// How often drafts are autosaved and the week's files are checked.
const TICK: Duration = Duration::from_secs(1);

/// The process was asked to stop by a signal; the terminal is restored and
/// the message says what became of an open form (kept as a draft, where,
/// or lost because the draft could not be written). `main` exits with
/// 128 + the signal.
#[derive(Debug, thiserror::Error)]
#[error("stopped by signal {0}{1}")]
pub struct Stopped(pub i32, pub draft::DraftFate);

/// Opens the TUI on `journal` until the user quits, with drafts in the
/// platform state dir.
pub fn run(journal: Journal, config: Config, today: NaiveDate) -> anyhow::Result<()> {
    run_with_drafts_in(journal, config, today, config::state_dir().ok())
}

/// Opens the TUI keeping drafts in `state_dir` (`demo` keeps its own apart).
pub fn run_with_drafts_in(
    journal: Journal,
    config: Config,
    today: NaiveDate,
    state_dir: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!("the journal screen needs a terminal; run a command instead (see --help)");
    }
    let (keymap, key_problems) = KeyMap::with_overrides(&config.keys);
    let mut app = App::new(Settings::from(&config), keymap, today);
    let effects = Effects::new(journal.clone(), config.export_dir(), state_dir);
    if !key_problems.is_empty() {
        app.update(Action::Failed(format!(
            "config: {}",
            key_problems.join("; ")
        )));
    }
    // The first frame needs only the current week's seven files.
    let week = app.week;
    dispatch(&mut app, &effects, None, vec![Effect::LoadWeek(week)]);
    match effects.load_draft() {
        Ok(Some(draft)) => {
            app.update(Action::DraftFound(draft));
        }
        Ok(None) => {}
        Err(err) => {
            app.update(Action::Failed(format!("{err:#}")));
        }
    }
    let loader = load_in_background(journal);
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
            .context("installing signal handlers")?;
    }
    // try_init also installs a panic hook that restores the terminal.
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(err) => {
            restore_terminal();
            return Err(anyhow::Error::new(err).context("cannot set up the terminal"));
        }
    };
    release_mouse_on_panic();
    // Without the mouse the app still works: the keys do everything.
    let _ = crossterm::execute!(stdout(), EnableMouseCapture);
    if let Ok(size) = terminal.size() {
        app.update(Action::Resize {
            width: size.width,
            height: size.height,
        });
    }
    let result = event_loop(&mut terminal, &mut app, &effects, &loader, &signal);
    restore_terminal();
    result
}

/// Gives the terminal back as it was: mouse reporting off (ratatui's own
/// restore leaves it on, and the shell would then print escape codes for
/// every click), cooked mode, the main screen. Every way out goes here.
fn restore_terminal() {
    let _ = crossterm::execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// Chains to the hook `ratatui::try_init` installed, which restores the rest.
fn release_mouse_on_panic() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(stdout(), DisableMouseCapture);
        hook(info);
    }));
}

/// Returns to the system the memory the whole-journal load freed. The
/// load parses on every core, and glibc keeps each thread's freed pages in
/// that thread's arena; the search texts built next land elsewhere, so at
/// 100k entries the TUI's peak held 4 MB of parse leftovers as well.
fn give_back_what_the_load_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; no pointer is touched.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn load_in_background(journal: Journal) -> Receiver<Action> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let action = match journal.load_all() {
            Ok(mut loaded) => {
                // Conflict copies from sync tools belong in the banner too.
                let strays = journal.strays().unwrap_or_default();
                loaded.problems.extend(
                    strays
                        .iter()
                        .filter(|s| matches!(s, Stray::ConflictCopy(_)))
                        .map(Stray::problem),
                );
                give_back_what_the_load_freed();
                Action::JournalLoaded(loaded)
            }
            Err(err) => Action::Failed(format!("Could not read the whole journal: {err}")),
        };
        // The receiver is gone only when the app has quit.
        let _ = send.send(action);
    });
    receive
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    effects: &Effects,
    loader: &Receiver<Action>,
    signal: &AtomicUsize,
) -> anyhow::Result<()> {
    let mut last_tick = Instant::now();
    let mut dirty = true;
    let mut loading = true;
    let mut flow = Flow::Continue;
    while flow == Flow::Continue {
        if dirty {
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            dirty = false;
        }
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            let fate = effects.keep_draft(app.shutdown());
            return Err(Stopped(sig as i32, fate).into());
        }
        if event::poll(Duration::from_millis(100))? {
            let action = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => Action::Key(key),
                Event::Resize(width, height) => Action::Resize { width, height },
                // Moves and drags would only redraw the same screen.
                Event::Mouse(mouse)
                    if matches!(
                        mouse.kind,
                        MouseEventKind::Down(_)
                            | MouseEventKind::ScrollDown
                            | MouseEventKind::ScrollUp
                    ) =>
                {
                    Action::Mouse(mouse)
                }
                _ => continue,
            };
            let effects_due = app.update(action);
            flow = dispatch(app, effects, Some(terminal), effects_due).flow;
            dirty = true;
        }
        if loading {
            match loader.try_recv() {
                Ok(action) => {
                    let due = app.update(action);
                    flow = flow.max(dispatch(app, effects, Some(terminal), due).flow);
                    loading = false;
                    dirty = true;
                }
                Err(TryRecvError::Disconnected) => loading = false,
                Err(TryRecvError::Empty) => {}
            }
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            let due = app.update(Action::Tick);
            let ran = dispatch(app, effects, Some(terminal), due);
            // Most ticks find nothing new: no redraw then.
            dirty |= ran.answered;
            flow = flow.max(ran.flow);
        }
    }
    Ok(())
}

/// Whether the event loop goes on after the effects have run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Flow {
    Continue,
    Quit,
}

/// What running a batch of effects came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ran {
    flow: Flow,
    /// Some effect answered with an action, so the app may look different.
    answered: bool,
}

/// Runs effects, feeding each result back to the app, until none are left.
/// `Effect::Quit` ends the loop once the rest (a draft to keep) has run: the
/// app asks to stop like it asks for anything else, with no flag of its own.
fn dispatch(
    app: &mut App,
    effects: &Effects,
    mut terminal: Option<&mut DefaultTerminal>,
    due: Vec<Effect>,
) -> Ran {
    let mut flow = Flow::Continue;
    let mut answered = false;
    let mut queue: std::collections::VecDeque<Effect> = due.into();
    while let Some(effect) = queue.pop_front() {
        let actions = match effect {
            Effect::Quit => {
                flow = Flow::Quit;
                Vec::new()
            }
            Effect::Suspend => {
                if let Some(terminal) = terminal.as_deref_mut() {
                    suspend(terminal);
                }
                Vec::new()
            }
            Effect::EditExternally(text) => vec![match terminal.as_deref_mut() {
                Some(terminal) => {
                    with_terminal_released(terminal, || effects::edit_in_editor(&text)).map_or_else(
                        |err| Action::Failed(format!("{err:#}")),
                        Action::ExternallyEdited,
                    )
                }
                None => Action::Failed("no terminal for $EDITOR".into()),
            }],
            other => effects.run(other),
        };
        for action in actions {
            answered = true;
            queue.extend(app.update(action));
        }
    }
    Ran { flow, answered }
}

/// Gives the terminal back to the shell while `f` runs, then takes it again.
fn with_terminal_released<T>(terminal: &mut DefaultTerminal, f: impl FnOnce() -> T) -> T {
    restore_terminal();
    let result = f();
    if let Err(err) = resume(terminal) {
        // Not fatal: the next draw retries; say why if it keeps failing.
        eprintln!("jobjournal: could not take the terminal back: {err}");
    }
    result
}

/// Ctrl-Z: restore the terminal, stop like any job, and redraw on `fg`.
fn suspend(terminal: &mut DefaultTerminal) {
    with_terminal_released(terminal, || {
        #[cfg(unix)]
        {
            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        }
    });
}

fn resume(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture
    )?;
    terminal.clear()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, EntryId, Kind};

    #[test]
    fn a_save_git_did_not_commit_says_so_once() {
        let dir = tempfile::tempdir().unwrap();
        // git = true on a journal that is not a repository.
        let journal = Journal::new(dir.path().join("journal")).with_git(true);
        let effects = Effects::new(
            journal,
            dir.path().join("out"),
            Some(dir.path().join("state")),
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let mut app = App::new(Settings::default(), KeyMap::default(), today);
        let id: EntryId = "2026-11-18-aaaa".parse().unwrap();
        let entry = Entry::new(id, today, Kind::Note, "Saved all the same");
        let flow = dispatch(&mut app, &effects, None, vec![Effect::Add(entry)]).flow;
        assert_eq!(flow, Flow::Continue);
        let (_, message) = app.message.clone().expect("a message");
        assert_eq!(
            message.matches("not committed to git").count(),
            1,
            "{message}"
        );
    }

    #[test]
    fn quit_stops_the_loop_after_the_draft_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let effects = Effects::new(
            Journal::new(dir.path().join("journal")),
            dir.path().join("out"),
            Some(state.clone()),
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let mut app = App::new(Settings::default(), KeyMap::default(), today);
        let key = |k: &str| Action::Key(keymap::Key::parse(k).unwrap().event());
        for k in ["a", "n", "H", "i"] {
            let due = app.update(key(k));
            assert_eq!(dispatch(&mut app, &effects, None, due).flow, Flow::Continue);
        }
        let due = app.update(key("ctrl-c"));
        assert_eq!(dispatch(&mut app, &effects, None, due).flow, Flow::Quit);
        fn json_files(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        json_files(&path)
                    } else {
                        usize::from(path.extension().is_some_and(|x| x == "json"))
                    }
                })
                .sum()
        }
        assert_eq!(
            json_files(&state),
            1,
            "the open form was kept before stopping"
        );
    }
}
