//! The `jobjournal` binary: everything lives in the library; see `cli`.

fn main() -> std::process::ExitCode {
    restore_default_sigpipe();
    jobjournal::cli::main()
}

/// Rust starts programs with SIGPIPE ignored, so a print to a pipe whose
/// reader has gone (`jobjournal list | head -1`) fails, and `println!`
/// panics on the failure. With the default action back, the kernel ends the
/// process quietly at that write, as it ends `cat` or `git log` (status 141
/// in a shell). This covers every print of every command, present and
/// future, where a handler at each call site would cover only those that
/// remember it. Nothing is cut short that matters: saves write files, never
/// a pipe, and land before anything is printed; children get the default
/// action from the standard library anyway.
#[cfg(unix)]
fn restore_default_sigpipe() {
    // SAFETY: runs first in `main`, before any other thread exists, and
    // SIG_DFL is a valid action for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_default_sigpipe() {}
