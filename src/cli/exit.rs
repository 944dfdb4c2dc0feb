//! The exit status of every command, one type: `main` turns it into the process's code.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | done |
//! | 1 | the command ran, but something failed: a source, a digest, an error it printed |
//! | 2 | the config (or an argument) is invalid; `check` found problems |
//!
//! clap's own usage errors also end with 2.

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Done,
    Failed,
    Invalid,
}

impl Exit {
    /// Failed when `failed`, else Done.
    pub fn failed_if(failed: bool) -> Exit {
        if failed { Exit::Failed } else { Exit::Done }
    }

    pub fn code(self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::Failed => 1,
            Exit::Invalid => 2,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e.code())
    }
}

/// The exit codes as `--help` shows them.
pub(super) const HELP: &str = "\
Exit status:
  0  done
  1  the command ran, but something failed (a source, a digest) or an error was printed
  2  the config or an argument is invalid; `check` found problems

The config is the file given with --config (default ./config.toml); every command but
`inspect URL` reads it. Commands that read the store ask the running daemon when it holds
the store. The user guide is docs/ (docs/cli.md lists the commands).";
