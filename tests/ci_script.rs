//! `.ci/run`'s own shell, run by bash the way `.ci/run` runs it (`set -euo pipefail`).
//!
//! `.ci/run` printed `xmllint --version 2>&1 | head -1`; where xmllint wrote its second line
//! after `head` had exited, xmllint died of SIGPIPE, pipefail made the pipeline fail with 141
//! and the run ended before any test. The producer below does that on every run: a first line,
//! then a second one half a second later.

use std::path::Path;
use std::process::{Command, Output};

const LATE_SECOND_LINE: &str = "late() { echo 'first line'; sleep 0.5; echo 'second line'; }";

fn bash(script: &str) -> Output {
    Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("bash must be installed")
}

fn show(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn head_after_a_late_writer_fails_under_pipefail() {
    // The reproduction itself: if this passed, the test below would prove nothing.
    let out = bash(&format!(
        "set -euo pipefail; {LATE_SECOND_LINE}; late 2>&1 | head -1; echo after"
    ));
    assert!(
        !out.status.success() && !String::from_utf8_lossy(&out.stdout).contains("after"),
        "expected `late | head -1` to fail (SIGPIPE, 141) under pipefail:\n{}",
        show(&out)
    );
}

#[test]
fn first_line_reads_a_late_writer_to_the_end() {
    let out = bash(&format!(
        "source .ci/run; {LATE_SECOND_LINE}; first_line late; echo after"
    ));
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "first line\nafter\n",
        "{}",
        show(&out)
    );
}

#[test]
fn first_line_fails_when_the_command_fails() {
    // .ci/run must stay honest: a failing tool stops the run.
    let out = bash("source .ci/run; first_line sh -c 'echo broken; exit 3'; echo after");
    assert!(!out.status.success(), "{}", show(&out));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("after"),
        "{}",
        show(&out)
    );
}

#[test]
fn sourcing_ci_run_runs_nothing() {
    let out = bash("source .ci/run; echo sourced");
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "sourced\n",
        "{}",
        show(&out)
    );
}

/// No shell step of CI pipes a command into a reader that may stop early (`head`, `grep -q`,
/// `grep -m`): under pipefail the writer's SIGPIPE fails the step at random.
#[test]
fn no_early_exit_reader_in_a_pipeline() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join(".ci/run")];
    for dir in ["scripts", "tests/tools"] {
        for e in std::fs::read_dir(root.join(dir))
            .expect("read dir")
            .flatten()
        {
            let p = e.path();
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let shell = text.starts_with("#!/usr/bin/env bash")
                || text.starts_with("#!/bin/bash")
                || text.starts_with("#!/bin/sh")
                || p.extension().is_some_and(|x| x == "sh");
            if shell {
                files.push(p);
            }
        }
    }
    let early = regex::Regex::new(
        r"\|\s*(head\b|grep\s+(-\w*[qm]|--quiet|--silent|--max-count)|sed\s+(-n\s+)?'?\d*q)",
    )
    .expect("regex");
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read");
        for (n, line) in text.lines().enumerate() {
            if !line.trim_start().starts_with('#') && early.is_match(line) {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        files.len() >= 3,
        "expected .ci/run and the scripts: {files:?}"
    );
    assert!(
        found.is_empty(),
        "pipelines into a reader that may exit early (use .ci/run's first_line, or read all \
         the output first):\n{}",
        found.join("\n")
    );
}

/// The tests run from the repository and the package registries alone: nothing reads a
/// folder beside the repository (a fresh clone has none).
#[test]
fn nothing_reads_a_folder_beside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let beside = concat!("..", "/shared");
    let mut stack = vec![
        root.join(".ci"),
        root.join("scripts"),
        root.join("tests"),
        root.join("benches"),
        root.join("examples"),
        root.join("fuzz/fuzz_targets"),
    ];
    let mut files = vec![
        root.join("README.md"),
        root.join("CONFORMANCE.md"),
        root.join("Cargo.toml"),
    ];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    let found: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read(f)
                .map(|b| b.windows(beside.len()).any(|w| w == beside.as_bytes()))
                .unwrap_or(false)
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        found.is_empty(),
        "these name {beside}, which a clone does not have:\n{}",
        found.join("\n")
    );
}
