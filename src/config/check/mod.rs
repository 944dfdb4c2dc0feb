//! The checker: walks the parsed TOML document one section at a time, reports every problem
//! it finds (each at its file position) and builds a [`Config`] only when there were none.
//!
//! Invariants:
//! - a problem never stops the walk: the admin sees all of them in one run, sorted by
//!   position. Problems at the same position keep the order they were found in, so the
//!   order of the walk (service, poll, regions, zones, sources, mail, topics,
//!   subscriptions, stories, alerts, publish targets, and the keys within each table) shows in the output and is kept;
//! - each table's keys are declared once, in its section's `keys!` table: the allowed
//!   list and the "did you mean" hint come from it, a value can only be read through it,
//!   and a declared key that no code reads is a dead-code warning (a variant never built);
//! - a [`Config`] that comes out has every reference resolved and every path absolute.
//!
//! `settings` holds `[service]`, `[poll]`, `[mail]` and `[stories]`; `places` the regions and zones;
//! `sources` the sources with their HTML rules; `subscriptions` the digests.

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::marker::PhantomData;
use std::ops::{Range, RangeInclusive};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono_tz::Tz;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::value::{closest, kind, line_col, parse_duration, valid_id};
use super::{Config, Lookup, Problem};
use crate::schedule::CronSchedule;

/// The keys of one table, declared by `keys!`.
trait Key: Copy {
    /// How messages name the table: "[service]", "[[sources]]", "the top level".
    const WHAT: &'static str;
    /// Every key the table may hold, in the order the "allowed:" list gives them.
    const NAMES: &'static [&'static str];
    fn name(self) -> &'static str;
}

/// Declares a table's keys as an enum: `keys! { enum PollKey in "[poll]" { Interval =
/// "interval", … } }`. Each key's name is written here and nowhere else.
macro_rules! keys {
    (
        $(#[$doc:meta])*
        enum $ty:ident in $what:literal { $($var:ident = $name:literal),+ $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        enum $ty {
            $($var),+
        }

        impl $crate::config::check::Key for $ty {
            const WHAT: &'static str = $what;
            const NAMES: &'static [&'static str] = &[$($name),+];
            fn name(self) -> &'static str {
                match self {
                    $(Self::$var => $name),+
                }
            }
        }
    };
}

mod alerts;
mod parts;
mod places;
mod settings;
mod signup;
mod sources;
mod subscriptions;
mod targets;
mod topics;

keys! {
    /// The sections of the file.
    enum TopKey in "the top level" {
        Service = "service",
        Poll = "poll",
        Regions = "regions",
        Zones = "zones",
        Sources = "sources",
        Mail = "mail",
        Subscriptions = "subscriptions",
        Signup = "signup",
        Topics = "topics",
        Stories = "stories",
        Alerts = "alerts",
        Publish = "publish",
    }
}

type Table<'i> = DeTable<'i>;
type Val<'i> = Spanned<DeValue<'i>>;

/// Checks `text`; relative paths resolve against `dir`. Every problem found, in file order,
/// or the config (its `path` and lookups are the caller's to fill in).
pub(super) fn check(text: &str, dir: &Path) -> Result<Config, Vec<Problem>> {
    check_with_env(text, dir, &|name| std::env::var(name).ok())
}

/// [`check`] with the environment given (secrets named by `*_env` keys are read from it).
pub(super) fn check_with_env(
    text: &str,
    dir: &Path,
    env: alerts::Env<'_>,
) -> Result<Config, Vec<Problem>> {
    // Large arrays of tables in parts (see `parts`); the whole file at once when there
    // are none, or when any piece does not parse (its message is then the file's own).
    if let Some(p) = parts::split(text) {
        let mut cx = Checker::new(text, &p.parts, env);
        if let Ok(doc) = DeTable::parse(&p.head) {
            let head = doc.get_ref();
            let clash = p.parts.iter().any(|(k, _)| head.contains_key(*k));
            if !clash {
                let config = cx.config(head, dir);
                if !cx.part_failed {
                    return cx.finish(config);
                }
            }
        }
    }
    let mut cx = Checker::new(text, &[], env);
    let config = match DeTable::parse(text) {
        Ok(doc) => cx.config(doc.get_ref(), dir),
        Err(e) => {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            let message = e.message().trim().to_string();
            cx.report(at..at, message);
            None
        }
    };
    cx.finish(config)
}

/// What the walk over an array's parts has gathered: its elements, and where each id was
/// first defined (file spans, for "duplicate id" across parts).
struct Collected<T> {
    items: Vec<T>,
    ids: HashMap<String, Range<usize>>,
}

impl<T> Default for Collected<T> {
    fn default() -> Self {
        Collected {
            items: Vec::new(),
            ids: HashMap::new(),
        }
    }
}

/// Collects problems while walking the document.
struct Checker<'t> {
    text: &'t str,
    problems: Vec<Problem>,
    /// The arrays read in parts, and where each part is in `text`.
    parts: &'t [(&'static str, Range<usize>)],
    /// Where the document being walked starts in `text` (a part's start; 0 for the file).
    base: usize,
    /// A part did not parse: the caller reads the file whole instead.
    part_failed: bool,
    /// Cron expressions parsed so far.
    crons: HashMap<String, CronSchedule>,
    /// The environment, for secrets named by `*_env` keys.
    env: alerts::Env<'t>,
}

impl<'t> Checker<'t> {
    fn new(
        text: &'t str,
        parts: &'t [(&'static str, Range<usize>)],
        env: alerts::Env<'t>,
    ) -> Checker<'t> {
        Checker {
            text,
            problems: Vec::new(),
            parts,
            base: 0,
            part_failed: false,
            crons: HashMap::new(),
            env,
        }
    }

    fn finish(self, config: Option<Config>) -> Result<Config, Vec<Problem>> {
        let mut problems = self.problems;
        match config {
            Some(c) if problems.is_empty() => Ok(c),
            _ => {
                problems.sort_by_key(|p| (p.line, p.column));
                Err(problems)
            }
        }
    }

    /// Calls `f` with the top level of the file, then with each part of the array `key`
    /// (parsed one at a time, dropped after), so `f` sees every element once.
    fn each_part(
        &mut self,
        key: TopKey,
        head: &Tab<'_, '_, TopKey>,
        mut f: impl FnMut(&mut Self, &Tab<'_, '_, TopKey>),
    ) {
        f(self, head);
        let parts = self.parts;
        for (_, range) in parts.iter().filter(|(k, _)| *k == key.name()) {
            let Some(piece) = self.text.get(range.clone()) else {
                self.part_failed = true;
                continue;
            };
            match DeTable::parse(piece) {
                Ok(doc) => {
                    self.base = range.start;
                    let root = self.open::<TopKey>(doc.get_ref(), 0..0);
                    f(self, &root);
                    self.base = 0;
                }
                Err(_) => self.part_failed = true,
            }
        }
    }

    /// A span of the document being walked as a span of the file.
    fn in_file(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }
}

/// One TOML table being read, with the keys it may hold.
struct Tab<'a, 'i, K> {
    table: &'a Table<'i>,
    span: Range<usize>,
    keys: PhantomData<K>,
}

impl Checker<'_> {
    /// The whole file, section by section (see the module doc for why in this order).
    fn config(&mut self, doc: &Table<'_>, dir: &Path) -> Option<Config> {
        let root = self.open::<TopKey>(doc, 0..0);
        let (timezone, service) = self.service(&root, dir);
        let poll = self.poll(&root);
        let regions = self.regions(&root);
        let region_ids: HashSet<&str> = regions.iter().map(|r| r.id.as_str()).collect();
        let zones = self.zones(&root, &region_ids);
        let zone_ids: HashSet<&str> = zones.iter().map(|z| z.id.as_str()).collect();
        let mut sources = Collected::default();
        self.each_part(TopKey::Sources, &root, |cx, r| {
            cx.sources(r, dir, &poll, &region_ids, &zone_ids, &mut sources)
        });
        let mut sources = sources.items;
        // Held for the life of the process: no growth slack (up to half of it).
        sources.shrink_to_fit();
        let mail = self.mail(&root, dir);
        // Topics before subscriptions, which name them; no problem of one can share a
        // position with a problem of the other, so the output order is unchanged.
        let (topics, topic_ids) = self.topics(&root, &region_ids, &zone_ids);
        let topic_ids: HashSet<&str> = topic_ids.iter().map(String::as_str).collect();
        let mut subscriptions = Collected::default();
        self.each_part(TopKey::Subscriptions, &root, |cx, r| {
            cx.subscriptions(
                r,
                timezone,
                &region_ids,
                &zone_ids,
                &topic_ids,
                &mut subscriptions,
            )
        });
        let subscriptions = subscriptions.items;
        let signup = self.signup(&root, timezone, &mail);
        let stories = self.stories(&root);
        let alerts = self.alerts(
            &root,
            &region_ids,
            &zone_ids,
            &topic_ids,
            poll.allow_private_networks,
        );
        let publish = self.publish(&root);
        let service = service?;
        Some(Config {
            path: PathBuf::new(),
            warnings: Vec::new(),
            service,
            poll,
            regions,
            zones,
            sources,
            mail,
            subscriptions,
            signup,
            topics,
            stories,
            alerts,
            publish,
            lookup: Lookup::default(),
        })
    }

    fn report(&mut self, span: Range<usize>, message: impl Into<String>) {
        let (line, column) = line_col(self.text, self.base + span.start);
        self.problems.push(Problem {
            line,
            column,
            message: message.into(),
        });
    }

    /// Starts reading `table`, reporting each key it may not hold.
    fn open<'a, 'i, K: Key>(&mut self, table: &'a Table<'i>, span: Range<usize>) -> Tab<'a, 'i, K> {
        for (k, _) in table.iter() {
            if !K::NAMES.contains(&k.get_ref().as_ref()) {
                let hint = closest(k.get_ref(), K::NAMES)
                    .map(|c| format!(" (did you mean {c:?}?)"))
                    .unwrap_or_default();
                self.report(
                    k.span(),
                    format!(
                        "unknown key {:?} in {}{hint}; allowed: {}",
                        k.get_ref(),
                        K::WHAT,
                        K::NAMES.join(", ")
                    ),
                );
            }
        }
        Tab {
            table,
            span,
            keys: PhantomData,
        }
    }

    /// A section that may be left out (`[service]`, `[poll]`, `[mail]`): absent reads as empty.
    fn section<'a, 'i, K: Key>(
        &mut self,
        root: &Tab<'a, 'i, TopKey>,
        key: TopKey,
        empty: &'a Table<'i>,
    ) -> Tab<'a, 'i, K> {
        let (table, span) = self.opt_table(root, key).unwrap_or((empty, 0..0));
        self.open(table, span)
    }

    fn get<'a, 'i, K: Key>(&self, tab: &Tab<'a, 'i, K>, key: K) -> Option<&'a Val<'i>> {
        tab.table.get(key.name())
    }

    fn opt_str<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K) -> Option<Spanned<String>> {
        let v = self.get(tab, key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(v.span(), s.to_string())),
            other => {
                self.report(
                    v.span(),
                    format!(
                        "{} in {} must be a string, not {}",
                        key.name(),
                        K::WHAT,
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    /// Reports `key` when the table lacks it; true when it is there.
    fn require<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K) -> bool {
        if self.get(tab, key).is_some() {
            return true;
        }
        self.report(
            tab.span.clone(),
            format!("{} is missing required key {:?}", K::WHAT, key.name()),
        );
        false
    }

    fn req_str<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K) -> Option<Spanned<String>> {
        if !self.require(tab, key) {
            return None;
        }
        let v = self.opt_str(tab, key)?;
        if v.get_ref().trim().is_empty() {
            self.report(
                v.span(),
                format!("{} in {} must not be empty", key.name(), K::WHAT),
            );
            return None;
        }
        Some(v)
    }

    fn opt_int<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K) -> Option<Spanned<i64>> {
        let v = self.get(tab, key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(Spanned::new(v.span(), n)),
                Err(_) => {
                    self.report(v.span(), format!("{}: integer out of range", key.name()));
                    None
                }
            },
            other => {
                self.report(
                    v.span(),
                    format!(
                        "{} in {} must be an integer, not {}",
                        key.name(),
                        K::WHAT,
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    fn opt_bool<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K) -> Option<bool> {
        let v = self.get(tab, key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.report(
                    v.span(),
                    format!(
                        "{} in {} must be true or false, not {}",
                        key.name(),
                        K::WHAT,
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    fn str_list<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K) -> Vec<Spanned<String>> {
        let Some(v) = self.get(tab, key) else {
            return Vec::new();
        };
        let name = key.name();
        match v.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) if !s.trim().is_empty() => {
                            out.push(Spanned::new(item.span(), s.to_string()))
                        }
                        DeValue::String(_) => {
                            self.report(item.span(), format!("{name}: empty string"))
                        }
                        other => self.report(
                            item.span(),
                            format!("{name} must hold strings, not {}", kind(other)),
                        ),
                    }
                }
                out
            }
            other => {
                self.report(
                    v.span(),
                    format!(
                        "{name} in {} must be an array of strings, not {}",
                        K::WHAT,
                        kind(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    fn opt_table<'a, 'i, K: Key>(
        &mut self,
        root: &Tab<'a, 'i, K>,
        key: K,
    ) -> Option<(&'a Table<'i>, Range<usize>)> {
        let v = self.get(root, key)?;
        let name = key.name();
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span())),
            other => {
                self.report(
                    v.span(),
                    format!("{name} must be a table ([{name}]), not {}", kind(other)),
                );
                None
            }
        }
    }

    fn tables<'a, 'i, K: Key>(
        &mut self,
        root: &Tab<'a, 'i, K>,
        key: K,
    ) -> Vec<(&'a Table<'i>, Range<usize>)> {
        let Some(v) = self.get(root, key) else {
            return Vec::new();
        };
        let name = key.name();
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(t) => Some((t, item.span())),
                    other => {
                        self.report(
                            item.span(),
                            format!("{name} must hold tables ([[{name}]]), not {}", kind(other)),
                        );
                        None
                    }
                })
                .collect(),
            other => {
                self.report(
                    v.span(),
                    format!(
                        "{name} must be an array of tables ([[{name}]]), not {}",
                        kind(other)
                    ),
                );
                Vec::new()
            }
        }
    }

    /// `parse` applied to a string value already read; a failure is reported as "KEY: why".
    fn parsed<K: Key, T, E: Display>(
        &mut self,
        key: K,
        v: Option<&Spanned<String>>,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let v = v?;
        match parse(v.get_ref()) {
            Ok(x) => Some(x),
            Err(e) => {
                self.report(v.span(), format!("{}: {e}", key.name()));
                None
            }
        }
    }

    /// An integer within `range`; out of it is reported as "KEY must be between A and B".
    fn int_in<K: Key, T: TryFrom<i64>>(
        &mut self,
        tab: &Tab<'_, '_, K>,
        key: K,
        range: RangeInclusive<i64>,
    ) -> Option<T> {
        let n = self.opt_int(tab, key)?;
        if range.contains(n.get_ref()) {
            T::try_from(n.into_inner()).ok()
        } else {
            self.report(
                n.span(),
                format!(
                    "{} must be between {} and {}",
                    key.name(),
                    range.start(),
                    range.end()
                ),
            );
            None
        }
    }

    /// A duration such as `"15m"`, greater than zero.
    fn duration<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K) -> Option<Duration> {
        let v = self.opt_str(tab, key);
        self.duration_of(key, v.as_ref())
    }

    /// `duration` of a value already read (for callers that need its position).
    fn duration_of<K: Key>(&mut self, key: K, v: Option<&Spanned<String>>) -> Option<Duration> {
        let d = self.parsed(key, v, parse_duration)?;
        if d.is_zero() {
            let span = v.map_or(0..0, |v| v.span());
            self.report(span, format!("{} must be greater than zero", key.name()));
            return None;
        }
        Some(d)
    }

    /// An IANA time zone name; `example` follows "is not an IANA time zone name" in the
    /// message (e.g. ` such as "Asia/Shanghai"`).
    fn timezone<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K, example: &str) -> Option<Tz> {
        let v = self.opt_str(tab, key)?;
        match v.get_ref().parse::<Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                self.report(
                    v.span(),
                    format!(
                        "{} {:?} is not an IANA time zone name{example}",
                        key.name(),
                        v.get_ref()
                    ),
                );
                None
            }
        }
    }

    /// The name of an environment variable (letters, digits, `_`), never a secret itself;
    /// `why` ends the message when the value is not such a name.
    fn env_name<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K, why: &str) -> Option<String> {
        let v = self.opt_str(tab, key)?;
        if v.get_ref()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Some(v.into_inner());
        }
        self.report(
            v.span(),
            format!(
                "{} names an environment variable (letters, digits, _){why}",
                key.name()
            ),
        );
        None
    }

    /// The value of the environment variable `name` (which `key` gave), as a secret; not
    /// set (or empty) is reported at `key`.
    fn env_secret<K: Key>(
        &mut self,
        tab: &Tab<'_, '_, K>,
        key: K,
        name: &str,
        env: alerts::Env<'_>,
    ) -> Option<crate::config::Secret<String>> {
        match env(name).filter(|v| !v.is_empty()) {
            Some(v) => Some(crate::config::Secret::new(v)),
            None => {
                let at = self.get(tab, key).map_or(0..0, |v| v.span());
                self.report(
                    at,
                    format!("{}: the environment variable {name} is not set", key.name()),
                );
                None
            }
        }
    }

    /// A cron expression, seconds first.
    /// Each distinct expression parsed once, then shared (see [`CronSchedule`]).
    fn cron<K: Key>(&mut self, key: K, v: Option<&Spanned<String>>) -> Option<CronSchedule> {
        if let Some(c) = v.and_then(|v| self.crons.get(v.get_ref())) {
            return Some(c.clone());
        }
        let c = self.parsed(key, v, CronSchedule::parse)?;
        if let Some(v) = v {
            self.crons.insert(v.get_ref().clone(), c.clone());
        }
        Some(c)
    }

    /// One of `choices`, e.g. `transport must be "smtp" or "outbox", not "sendmail"`.
    fn choice<K: Key, T: Copy>(
        &mut self,
        tab: &Tab<'_, '_, K>,
        key: K,
        choices: &[(&str, T)],
    ) -> Option<T> {
        let v = self.opt_str(tab, key)?;
        if let Some((_, x)) = choices
            .iter()
            .find(|(name, _)| *name == v.get_ref().as_str())
        {
            return Some(*x);
        }
        let quoted: Vec<String> = choices
            .iter()
            .map(|(name, _)| format!("{name:?}"))
            .collect();
        let list = match quoted.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        self.report(
            v.span(),
            format!("{} must be {list}, not {:?}", key.name(), v.get_ref()),
        );
        None
    }

    /// A path, relative ones taken against the config's folder.
    fn path<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K, dir: &Path, default: &str) -> PathBuf {
        let raw = self
            .opt_str(tab, key)
            .map(|s| s.into_inner())
            .unwrap_or_else(|| default.into());
        dir.join(raw)
    }

    /// Checks an id's spelling and uniqueness within its kind; false if it must be skipped.
    fn check_id(
        &mut self,
        id: &Spanned<String>,
        kind: &str,
        seen: &mut HashMap<String, Range<usize>>,
    ) -> bool {
        if !valid_id(id.get_ref()) {
            self.report(
                id.span(),
                format!(
                    "{kind} id {:?} must be lowercase letters, digits, '-' or '_' (it becomes a file name)",
                    id.get_ref()
                ),
            );
            return false;
        }
        if let Some(first) = seen.get(id.get_ref()) {
            let (l, c) = line_col(self.text, first.start);
            self.report(
                id.span(),
                format!(
                    "duplicate {kind} id {:?} (first defined at line {l}, column {c})",
                    id.get_ref()
                ),
            );
            return false;
        }
        // Kept as a file span: ids of one kind may sit in different parts.
        seen.insert(id.get_ref().clone(), self.in_file(id.span()));
        true
    }

    /// Reports a reference to a region or zone that is not defined.
    fn check_ref(&mut self, r: &Spanned<String>, kind: &str, known: &HashSet<&str>) {
        if !known.contains(r.get_ref().as_str()) {
            self.report(r.span(), unknown_ref(kind, r.get_ref(), known));
        }
    }
}

fn unknown_ref(kind: &str, id: &str, known: &HashSet<&str>) -> String {
    let known_list: Vec<&str> = {
        let mut v: Vec<&str> = known.iter().copied().collect();
        v.sort();
        v
    };
    match closest(id, &known_list) {
        Some(c) => format!("unknown {kind} {id:?} (did you mean {c:?}?)"),
        None => format!("unknown {kind} {id:?}"),
    }
}
