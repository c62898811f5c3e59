//! The words the composer knows, from `assets/lexicon/`: action verbs with
//! their past tense, verbs that are as often nouns, -ed words that are not
//! verbs, and the verb each common noun phrase opens with.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const VERBS: &str = include_str!("../../../assets/lexicon/verbs.txt");
const ALSO_NOUNS: &str = include_str!("../../../assets/lexicon/also_nouns.txt");
const NOT_VERBS: &str = include_str!("../../../assets/lexicon/not_verbs.txt");
const FRAMES: &str = include_str!("../../../assets/lexicon/frames.txt");

/// How a verb was written in a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// "fixed", "sent"
    Past,
    /// "fix", "send"
    Base,
    /// "fixing"
    Gerund,
    /// "fixes"
    Third,
}

/// A verb found in a title: its base form (when known) and past tense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verb {
    pub base: Option<String>,
    pub past: String,
    pub form: Form,
}

pub struct Lexicon {
    past_by_base: HashMap<String, String>,
    base_by_past: HashMap<String, String>,
    also_nouns: HashSet<String>,
    not_verbs: HashSet<String>,
    frames: HashMap<String, String>,
}

/// The lexicon, read once from the files built into the binary.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

/// The lines of a lexicon file without comments and blanks.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut past_by_base = HashMap::new();
        let mut base_by_past = HashMap::new();
        for line in lines(VERBS) {
            if let Some((base, past)) = line.split_once(' ') {
                past_by_base.insert(base.to_string(), past.trim().to_string());
                base_by_past.insert(past.trim().to_string(), base.to_string());
            }
        }
        let set = |text: &str| lines(text).map(str::to_string).collect::<HashSet<_>>();
        let frames = lines(FRAMES)
            .filter_map(|l| l.split_once(' '))
            .map(|(noun, verb)| (noun.to_string(), verb.trim().to_string()))
            .collect();
        Lexicon {
            past_by_base,
            base_by_past,
            also_nouns: set(ALSO_NOUNS),
            not_verbs: set(NOT_VERBS),
            frames,
        }
    }

    /// True when `word` (lower case) is a listed past tense.
    pub fn is_past(&self, word: &str) -> bool {
        self.base_by_past.contains_key(word)
    }

    /// `word` (lower case) as a listed verb in any of its forms.
    pub fn verb(&self, word: &str) -> Option<Verb> {
        let known = |base: &str, form: Form| {
            self.past_by_base.get(base).map(|past| Verb {
                base: Some(base.to_string()),
                past: past.clone(),
                form,
            })
        };
        if let Some(base) = self.base_by_past.get(word) {
            return known(base, Form::Past);
        }
        if let Some(verb) = known(word, Form::Base) {
            return Some(verb);
        }
        if let Some(stem) = word.strip_suffix("ing").filter(|s| s.len() >= 2) {
            let undoubled = stem
                .chars()
                .last()
                .filter(|c| stem.len() >= 3 && stem[..stem.len() - 1].ends_with(*c))
                .map(|_| &stem[..stem.len() - 1]);
            let candidates = [
                Some(stem.to_string()),
                Some(format!("{stem}e")),
                undoubled.map(str::to_string),
            ];
            if let Some(verb) = candidates
                .into_iter()
                .flatten()
                .find_map(|base| known(&base, Form::Gerund))
            {
                return Some(verb);
            }
        }
        if word.ends_with('s') && !word.ends_with("ss") {
            let candidates = [
                word.strip_suffix("ies").map(|s| format!("{s}y")),
                word.strip_suffix("es").map(str::to_string),
                word.strip_suffix('s').map(str::to_string),
            ];
            return candidates
                .into_iter()
                .flatten()
                .find_map(|base| known(&base, Form::Third));
        }
        None
    }

    /// A listed verb in any form, or an unlisted word that looks like a past
    /// tense ("untangled") and is not one of the -ed words that are not verbs.
    pub fn verb_or_past(&self, word: &str) -> Option<Verb> {
        self.verb(word).or_else(|| {
            (word.len() >= 6
                && word.ends_with("ed")
                && word.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && !self.not_verbs.contains(word))
            .then(|| Verb {
                base: None,
                past: word.to_string(),
                form: Form::Past,
            })
        })
    }

    /// True for the -ed words that are not verbs ("damaged", "limited").
    pub fn not_verb(&self, word: &str) -> bool {
        self.not_verbs.contains(word)
    }

    /// True for verbs as often used as nouns ("quote", "test").
    pub fn also_noun(&self, base: &str) -> bool {
        self.also_nouns.contains(base)
    }

    /// The verb a noun phrase with this main noun opens with.
    pub fn frame(&self, noun: &str) -> Option<&str> {
        let singular = noun.strip_suffix('s').unwrap_or(noun);
        self.frames
            .get(noun)
            .or_else(|| self.frames.get(singular))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn past(word: &str) -> Option<(String, Form)> {
        lexicon().verb(word).map(|v| (v.past, v.form))
    }

    #[test]
    fn every_form_finds_the_past_tense() {
        assert_eq!(past("fixing"), Some(("fixed".into(), Form::Gerund)));
        assert_eq!(past("making"), Some(("made".into(), Form::Gerund)));
        assert_eq!(past("shipping"), Some(("shipped".into(), Form::Gerund)));
        assert_eq!(past("ships"), Some(("shipped".into(), Form::Third)));
        assert_eq!(past("fixes"), Some(("fixed".into(), Form::Third)));
        assert_eq!(past("sent"), Some(("sent".into(), Form::Past)));
        assert_eq!(past("send"), Some(("sent".into(), Form::Base)));
        assert_eq!(past("news"), None);
        assert_eq!(past("process"), Some(("processed".into(), Form::Base)));
    }

    #[test]
    fn ed_words_that_are_not_verbs_are_known() {
        let lexicon = lexicon();
        for word in ["damaged", "united", "limited", "hundred", "red"] {
            assert_eq!(lexicon.verb_or_past(word).map(|v| v.form), None, "{word}");
        }
        assert!(lexicon.verb_or_past("untangled").is_some());
        assert!(lexicon.is_past("sent") && !lexicon.is_past("send"));
        assert!(lexicon.base_by_past.len() > 300);
    }
}
