//! Writes a deterministic, realistic synthetic journal for benchmarks and demos.
//!
//! `cargo run --release --example synth -- --entries 100000 --dir DIR [--seed 7] [--until YYYY-MM-DD]`
//!
//! The generator itself is `jobjournal::synth`, shared with `benches/`.

use std::path::PathBuf;

use chrono::NaiveDate;
use jobjournal::synth::Synth;

fn parse_args() -> Result<(Synth, PathBuf), String> {
    let mut synth = Synth {
        entries: 1000,
        seed: 7,
        until: chrono::Local::now().date_naive(),
    };
    let mut dir = PathBuf::new();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--entries" => {
                synth.entries = value()?.parse().map_err(|e| format!("--entries: {e}"))?
            }
            "--dir" => dir = PathBuf::from(value()?),
            "--seed" => synth.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--until" => {
                synth.until = NaiveDate::parse_from_str(&value()?, "%Y-%m-%d")
                    .map_err(|e| format!("--until: {e}"))?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if dir.as_os_str().is_empty() {
        return Err("--dir DIR is required".into());
    }
    Ok((synth, dir))
}

fn main() {
    let (synth, dir) = match parse_args() {
        Ok(args) => args,
        Err(err) => {
            eprintln!(
                "synth: {err}\nusage: synth --entries N --dir DIR [--seed S] [--until YYYY-MM-DD]"
            );
            std::process::exit(2);
        }
    };
    match synth.write(&dir) {
        Ok(written) => println!(
            "wrote {} entries in {} day files from {} to {} into {}",
            written.entries,
            written.day_files,
            written.first,
            synth.until,
            dir.display()
        ),
        Err(err) => {
            eprintln!("synth: cannot write {}: {err}", dir.display());
            std::process::exit(1);
        }
    }
}
