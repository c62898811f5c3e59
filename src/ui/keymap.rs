//! Which key does what on which screen: the defaults embedded from
//! `assets/keys.toml`, with the config's `[keys]` table merged on top. The
//! footer and the help screen read the same table, so hints never lie.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Command;

const DEFAULT_KEYS: &str = include_str!("../../assets/keys.toml");

/// A section of the keymap: the screens that share bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Screen {
    Main,
    Picker,
    Quick,
    Form,
    Search,
    View,
    Confirm,
}

impl Screen {
    pub const ALL: [Screen; 7] = [
        Screen::Main,
        Screen::Picker,
        Screen::Quick,
        Screen::Form,
        Screen::Search,
        Screen::View,
        Screen::Confirm,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Screen::Main => "main",
            Screen::Picker => "picker",
            Screen::Quick => "quick",
            Screen::Form => "form",
            Screen::Search => "search",
            Screen::View => "view",
            Screen::Confirm => "confirm",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Screen::Main => "Week",
            Screen::Picker => "Kind picker",
            Screen::Quick => "Quick add",
            Screen::Form => "Form",
            Screen::Search => "Search",
            Screen::View => "Report, bullets, stats, customers",
            Screen::Confirm => "Questions",
        }
    }

    fn parse(name: &str) -> Option<Screen> {
        Screen::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// A key with its modifiers, as written in `keys.toml` (`ctrl-s`, `?`, `pagedown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    mods: KeyModifiers,
}

impl Key {
    pub fn parse(text: &str) -> Result<Key, String> {
        let bad = || format!("unknown key '{text}'");
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        // A lone "-" is a key, so only strip prefixes that leave something.
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, flag) = if lower.starts_with("ctrl-") && rest.len() > 5 {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                ("alt-", KeyModifiers::ALT)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                ("shift-", KeyModifiers::SHIFT)
            } else {
                break;
            };
            mods |= flag;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                f if f.starts_with('f') => {
                    let n: u8 = f[1..].parse().map_err(|_| bad())?;
                    if !(1..=12).contains(&n) {
                        return Err(bad());
                    }
                    KeyCode::F(n)
                }
                _ => return Err(bad()),
            },
        };
        Ok(Key::normalized(code, mods))
    }

    pub fn from_event(event: KeyEvent) -> Key {
        Key::normalized(event.code, event.modifiers)
    }

    /// Shift is part of the character (`?`, `G`) and of BackTab, so it is
    /// dropped there; terminals disagree on whether they report it.
    fn normalized(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key { code, mods }
    }

    /// The key event this names, for tests and synthetic input.
    pub fn event(self) -> KeyEvent {
        KeyEvent::new(self.code, self.mods)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The bindings in force, per screen, in command order.
#[derive(Debug, Clone)]
pub struct KeyMap {
    screens: BTreeMap<Screen, BTreeMap<Command, Vec<Key>>>,
}

impl Default for KeyMap {
    fn default() -> Self {
        let (map, problems) = KeyMap::parse(DEFAULT_KEYS);
        debug_assert!(problems.is_empty(), "assets/keys.toml: {problems:?}");
        map
    }
}

impl KeyMap {
    /// The defaults with the config's `[keys]` table on top. Mistakes in the
    /// overrides are returned as messages and the default binding is kept.
    pub fn with_overrides(overrides: &BTreeMap<String, toml::Value>) -> (KeyMap, Vec<String>) {
        let mut map = KeyMap::default();
        let mut problems = Vec::new();
        for (name, value) in overrides {
            if let Some(screen) = Screen::parse(name) {
                match value.as_table() {
                    Some(table) => {
                        for (command, keys) in table {
                            map.apply(Some(screen), command, keys, &mut problems);
                        }
                    }
                    None => problems.push(format!("[keys] {name}: expected a table of actions")),
                }
            } else {
                map.apply(None, name, value, &mut problems);
            }
        }
        (map, problems)
    }

    fn parse(text: &str) -> (KeyMap, Vec<String>) {
        let mut map = KeyMap {
            screens: BTreeMap::new(),
        };
        let mut problems = Vec::new();
        let table: toml::Table = match toml::from_str(text) {
            Ok(table) => table,
            Err(err) => return (map, vec![err.to_string()]),
        };
        for (section, commands) in &table {
            let Some(screen) = Screen::parse(section) else {
                problems.push(format!("unknown screen [{section}]"));
                continue;
            };
            map.screens.entry(screen).or_default();
            for (command, keys) in commands.as_table().into_iter().flatten() {
                map.apply(Some(screen), command, keys, &mut problems);
            }
        }
        (map, problems)
    }

    /// Binds `command` to `value` on `screen`, or on every screen that has
    /// it when `screen` is `None`. A key taken from another command moves.
    fn apply(
        &mut self,
        screen: Option<Screen>,
        command: &str,
        value: &toml::Value,
        problems: &mut Vec<String>,
    ) {
        let Ok(parsed) = toml::Value::String(command.to_string()).try_into::<Command>() else {
            problems.push(format!("[keys] unknown action '{command}'"));
            return;
        };
        let names: Vec<&str> = match value {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(items) => items.iter().filter_map(toml::Value::as_str).collect(),
            _ => {
                problems.push(format!(
                    "[keys] {command}: expected a key or a list of keys"
                ));
                return;
            }
        };
        let mut keys = Vec::new();
        for name in names {
            match Key::parse(name) {
                Ok(key) => keys.push(key),
                Err(err) => problems.push(format!("[keys] {command}: {err}")),
            }
        }
        let screens: Vec<Screen> = match screen {
            Some(screen) => vec![screen],
            None => self
                .screens
                .iter()
                .filter(|(_, bound)| bound.contains_key(&parsed))
                .map(|(screen, _)| *screen)
                .collect(),
        };
        for screen in screens {
            let bound = self.screens.entry(screen).or_default();
            for other in bound.values_mut() {
                other.retain(|k| !keys.contains(k));
            }
            bound.insert(parsed, keys.clone());
        }
    }

    /// The command `event` means on `screen`, if any.
    pub fn command(&self, screen: Screen, event: KeyEvent) -> Option<Command> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(event);
        self.screens
            .get(&screen)?
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(command, _)| *command)
    }

    /// Keys bound to `command` on `screen`, first one preferred in hints.
    pub fn keys(&self, screen: Screen, command: Command) -> &[Key] {
        self.screens
            .get(&screen)
            .and_then(|b| b.get(&command))
            .map_or(&[], Vec::as_slice)
    }

    /// Every binding of `screen`, for the help screen.
    pub fn bindings(&self, screen: Screen) -> impl Iterator<Item = (Command, &[Key])> {
        self.screens
            .get(&screen)
            .into_iter()
            .flatten()
            .filter(|(_, keys)| !keys.is_empty())
            .map(|(command, keys)| (*command, keys.as_slice()))
    }

    /// `a new  e edit …` pairs for the footer, only for commands that have a key.
    pub fn hints(&self, screen: Screen, commands: &[Command]) -> Vec<(String, &'static str)> {
        commands
            .iter()
            .filter_map(|c| {
                self.keys(screen, *c)
                    .first()
                    .map(|k| (k.to_string(), c.hint()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> KeyEvent {
        Key::parse(text).unwrap().event()
    }

    #[test]
    fn defaults_parse_cleanly_and_cover_design_keys() {
        let (_, problems) = KeyMap::parse(DEFAULT_KEYS);
        assert!(problems.is_empty(), "{problems:?}");
        let map = KeyMap::default();
        for (text, command) in [
            ("j", Command::MoveDown),
            ("down", Command::MoveDown),
            ("k", Command::MoveUp),
            ("up", Command::MoveUp),
            ("a", Command::New),
            ("e", Command::Edit),
            ("enter", Command::Edit),
            ("d", Command::Delete),
            ("u", Command::Undo),
            ("/", Command::Search),
            ("[", Command::PrevWeek),
            ("]", Command::NextWeek),
            ("t", Command::ThisWeek),
            ("r", Command::Report),
            ("b", Command::Bullets),
            ("s", Command::Stats),
            ("c", Command::Customers),
            ("?", Command::Help),
            ("q", Command::Quit),
        ] {
            assert_eq!(
                map.command(Screen::Main, key(text)),
                Some(command),
                "{text}"
            );
        }
        assert_eq!(
            map.command(Screen::Form, key("ctrl-s")),
            Some(Command::Save)
        );
        assert_eq!(
            map.command(Screen::Form, key("shift-tab")),
            Some(Command::PrevField)
        );
        assert_eq!(
            map.command(Screen::Picker, key("x")),
            Some(Command::PickExceeded)
        );
        assert_eq!(map.command(Screen::Confirm, key("y")), Some(Command::Yes));
        assert_eq!(map.command(Screen::View, key("enter")), Some(Command::Open));
    }

    #[test]
    fn shifted_characters_match_whatever_the_terminal_reports() {
        let map = KeyMap::default();
        let shifted = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(map.command(Screen::Main, shifted), Some(Command::Help));
        let ctrl_upper = KeyEvent::new(
            KeyCode::Char('S'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(map.command(Screen::Form, ctrl_upper), Some(Command::Save));
    }

    #[test]
    fn overrides_replace_bindings_everywhere_or_per_screen() {
        let overrides: BTreeMap<String, toml::Value> =
            toml::from_str("quit = [\"Q\", \"ctrl-q\"]\n[main]\nnew = \"n\"\nbogus = \"z\"\n")
                .unwrap();
        let (map, problems) = KeyMap::with_overrides(&overrides);
        assert_eq!(problems, vec!["[keys] unknown action 'bogus'".to_string()]);
        assert_eq!(map.command(Screen::Main, key("q")), None);
        assert_eq!(map.command(Screen::Main, key("Q")), Some(Command::Quit));
        assert_eq!(
            map.command(Screen::Form, key("ctrl-q")),
            Some(Command::Quit)
        );
        assert_eq!(map.command(Screen::Main, key("n")), Some(Command::New));
        assert_eq!(map.command(Screen::Main, key("a")), None);
        let hints = map.hints(Screen::Main, &[Command::New, Command::Quit]);
        assert_eq!(
            hints,
            vec![("n".to_string(), "new"), ("Q".to_string(), "quit")]
        );
    }

    #[test]
    fn a_rebound_key_leaves_its_old_command() {
        let overrides: BTreeMap<String, toml::Value> =
            toml::from_str("[main]\nsearch = \"s\"\n").unwrap();
        let (map, problems) = KeyMap::with_overrides(&overrides);
        assert!(problems.is_empty());
        assert_eq!(map.command(Screen::Main, key("s")), Some(Command::Search));
        assert!(map.keys(Screen::Main, Command::Stats).is_empty());
    }

    #[test]
    fn bad_keys_are_reported() {
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("hyper").is_err());
        assert!(Key::parse("f13").is_err());
        assert_eq!(Key::parse("ctrl-s").unwrap().to_string(), "Ctrl-S");
        assert_eq!(Key::parse("-").unwrap().to_string(), "-");
    }
}
