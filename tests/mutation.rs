//! Hundreds of random corruptions of a valid day file, run through the real
//! binary: no panic, exit codes 0 or 1 only, and a file the app cannot read
//! is never written.
//!
//! `JOBJOURNAL_MUTATIONS` sets how many (default 300).

mod support;

use std::fs;

use support::TestJournal;

const VALID: &str = r#"# A valid day, about to be damaged.
[[entry]]
id = "2026-11-18-k7q2"   # the invoice mess
kind = "screwup"
title = "Sent Acme the October invoice twice"
time = 09:14:00
customer = "Acme Corp"
tags = ["billing", "invoices"]
details = """
They caught it before paying.
Apologised the same hour."""
revenue = -1_200.50
customer_value = 120000

[[entry]]
id = "2026-11-18-p3xa"
kind = "fix"
title = "Added a duplicate-invoice check"
fixes = ["2026-11-18-k7q2"]
cost_saved = 5000
hours_saved = 2.5
reach = 40
adopted_by = ["billing team"]

[[entry]]
id = "2026-11-18-z81t"
kind = "promise"
title = "Send Birch the revised contract"
due = 2026-11-20
status = "open"
"#;

fn mutate(rng: &mut fastrand::Rng, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    let junk: &[&[u8]] = &[
        b"\"",
        b"[",
        b"]]",
        b"=",
        b"\n",
        b"#",
        b"\x00",
        b"\xff\xfe",
        b"\x1b[2J",
        b"\"\"\"",
        b"<<<<<<< HEAD\n",
        b"'",
        b"1e999",
        b"-",
        b"\\u{",
    ];
    for _ in 0..rng.usize(1..4) {
        if bytes.is_empty() {
            break;
        }
        let at = rng.usize(..bytes.len());
        match rng.u8(..6) {
            0 => bytes[at] = rng.u8(..),
            1 => {
                let end = (at + rng.usize(1..40)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + rng.usize(1..40)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            3 => {
                let piece = junk[rng.usize(..junk.len())];
                bytes.splice(at..at, piece.iter().copied());
            }
            4 => bytes.truncate(at),
            _ => {
                let other = rng.usize(..bytes.len());
                bytes.swap(at, other);
            }
        }
    }
    bytes
}

#[test]
fn random_corruptions_never_panic_and_broken_files_are_never_written() {
    let count: usize = std::env::var("JOBJOURNAL_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let mut rng = fastrand::Rng::with_seed(42);
    let journal = TestJournal::new();
    let path = journal.day_path("2026-11-18");
    let (mut broken, mut readable) = (0, 0);
    for _ in 0..count {
        let damaged = mutate(&mut rng, VALID.as_bytes());
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &damaged).unwrap();

        let check = journal.cmd().arg("check").output().unwrap();
        let code = check.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "check exited {code:?} on {:?}",
            String::from_utf8_lossy(&damaged)
        );
        for args in [
            &["list"][..],
            &["list", "--format", "json"],
            &["show", "2026-11-18-p3xa"],
        ] {
            let out = journal.cmd().args(args).output().unwrap();
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{args:?} exited {:?}",
                out.status.code()
            );
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains('\u{1b}'), "raw ESC on stderr: {stderr:?}");
        }
        let add = journal
            .cmd()
            .args(["add", "note", "into a damaged day"])
            .output()
            .unwrap();
        assert!(matches!(add.status.code(), Some(0 | 1)));
        if code == Some(1) {
            broken += 1;
            assert_eq!(
                add.status.code(),
                Some(1),
                "add wrote into a file check calls broken"
            );
            assert_eq!(
                fs::read(&path).unwrap(),
                damaged,
                "a broken file was written"
            );
        } else {
            readable += 1;
            assert_eq!(add.status.code(), Some(0));
        }
    }
    println!(
        "mutation: {count} corruptions, {broken} reported broken and left byte-identical, {readable} still readable"
    );
    assert!(
        broken > count / 4,
        "the corruptions should mostly break the file"
    );
}
