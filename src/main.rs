//! The `jobjournal` binary: everything lives in the library; see `cli`.

fn main() -> std::process::ExitCode {
    jobjournal::cli::main()
}
