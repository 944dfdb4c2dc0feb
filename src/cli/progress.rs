//! Progress of long one-shot commands on a terminal (indicatif), and nothing at all when
//! stderr is not one: scripts, cron and CI logs get no control characters. The only module
//! that uses indicatif.

use std::io::IsTerminal;

/// A bar over `len` units of work, drawn on stderr only when it is a terminal.
pub(crate) struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub(crate) fn new(len: usize, what: &str) -> Progress {
        Progress::when(std::io::stderr().is_terminal() && len > 1, len, what)
    }

    fn when(visible: bool, len: usize, what: &str) -> Progress {
        if !visible {
            return Progress { bar: None };
        }
        let bar = indicatif::ProgressBar::new(len as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{prefix} [{bar:30}] {pos}/{len} {per_sec} ETA {eta} {msg}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(what.to_string());
        Progress { bar: Some(bar) }
    }

    /// One unit done; `msg` names it (a source id, a feed).
    pub(crate) fn tick(&self, msg: &str) {
        if let Some(b) = &self.bar {
            b.set_message(msg.to_string());
            b.inc(1);
        }
    }

    /// `n` units done at once (a batch of feeds).
    pub(crate) fn tick_by(&self, n: usize) {
        if let Some(b) = &self.bar {
            b.inc(n as u64);
        }
    }

    #[cfg(test)]
    fn is_visible(&self) -> bool {
        self.bar.is_some()
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_off_a_terminal_and_counting_on_one() {
        // Under the test harness stderr is captured: no bar.
        let p = Progress::when(false, 10, "poll");
        assert!(!p.is_visible());
        p.tick("s1");
        let p = Progress::when(true, 3, "poll");
        assert!(p.is_visible());
        p.tick("s1");
        p.tick("s2");
        assert_eq!(p.bar.as_ref().map(|b| b.position()), Some(2));
    }
}
