//! The tantivy index on disk (`data_dir/search`): one document per stored item, found by
//! the query tree of `query.rs`, newest first.
//!
//! Invariants:
//! - tantivy is used here only (house rule: one module per external crate);
//! - sled stays the source of truth: a document holds only what matching needs plus the
//!   item's source and id; callers read the items themselves from the store;
//! - one document per item: writes delete by the item's key before adding;
//! - the commit payload records the highest item sequence number indexed (`seq`), which
//!   start-up catch-up reads (see `mod.rs`);
//! - the analyser is recorded in `analyzer` beside the segments; an index built with
//!   another analyser is rebuilt, never queried with the wrong one;
//! - the writer's heap is bounded at [`WRITER_HEAP`] and only exists once something is
//!   written (a CLI search never takes the writer's lock).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument};

use super::analyzer::{Analyzer, ZfTokenizer, terms};
use super::query::{Clause, Parsed};
use crate::model::Item;

/// The index writer's memory budget. tantivy refuses less than 15 MB; 16 MB keeps the
/// daemon's idle footprint small, and a poll's batch (tens of items) never fills it.
pub const WRITER_HEAP: usize = 16 << 20;

#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    source: Field,
    id: Field,
    title: Field,
    summary: Field,
    text: Field,
    place: Field,
    region: Field,
    zone: Field,
    published: Field,
}

/// Where an item sits, as the index records it: its region and the region's ancestors
/// (so a filter by a region finds its descendants), its zone, and the names of all of
/// these (so `苏州` finds the items placed in Suzhou).
#[derive(Debug, Clone, Default)]
pub struct Placing {
    pub regions: Vec<String>,
    pub zone: Option<String>,
    pub names: Vec<String>,
}

/// Filters beside the query words.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A region id: the item's region or one of its ancestors.
    pub region: Option<String>,
    pub zone: Option<String>,
    /// Items in any of these regions (or below them) or any of these zones; no limit when
    /// both are empty (a topic's `regions` and `zones`, read as a subscription's are).
    pub any_regions: Vec<String>,
    pub any_zones: Vec<String>,
}

/// One match: enough to read the item from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub source: String,
    pub id: String,
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    f: Fields,
    analyzer: Analyzer,
    dir: PathBuf,
}

fn schema(analyzer: Analyzer) -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer.tokenizer_name())
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let f = Fields {
        key: b.add_text_field("key", STRING),
        source: b.add_text_field("source", STRING | STORED),
        id: b.add_text_field("id", STORED),
        title: b.add_text_field("title", text.clone()),
        summary: b.add_text_field("summary", text.clone()),
        text: b.add_text_field("text", text.clone()),
        place: b.add_text_field("place", text),
        region: b.add_text_field("region", STRING),
        zone: b.add_text_field("zone", STRING),
        published: b.add_i64_field("published", INDEXED | FAST),
    };
    (b.build(), f)
}

fn key_of(source: &str, id: &str) -> String {
    // A source id never holds a NUL (the config checker allows [a-z0-9_-]).
    format!("{source}\u{0}{id}")
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (empty, sequence 0) when absent or when it
    /// was built with another analyser.
    pub fn open(dir: &Path, analyzer: Analyzer) -> Result<SearchIndex> {
        let marker = dir.join("analyzer");
        let recorded = std::fs::read_to_string(&marker).ok();
        if recorded.as_deref().map(str::trim) != Some(analyzer.name()) && dir.exists() {
            // Built by another analyser (or half-made): its terms would not match queries.
            std::fs::remove_dir_all(dir)
                .with_context(|| format!("cannot clear search index {}", dir.display()))?;
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create search index {}", dir.display()))?;
        let (schema, f) = schema(analyzer);
        let mmap = tantivy::directory::MmapDirectory::open(dir)
            .with_context(|| format!("cannot open search index {}", dir.display()))?;
        let index = Index::open_or_create(mmap, schema)
            .with_context(|| format!("cannot open search index {}", dir.display()))?;
        std::fs::write(&marker, analyzer.name())
            .with_context(|| format!("cannot write {}", marker.display()))?;
        for a in [Analyzer::Bigram, Analyzer::Jieba] {
            index
                .tokenizers()
                .register(a.tokenizer_name(), ZfTokenizer(a));
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .context("cannot read search index")?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(None),
            f,
            analyzer,
            dir: dir.to_path_buf(),
        })
    }

    pub fn analyzer(&self) -> Analyzer {
        self.analyzer
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The highest item sequence number committed (0 for a new index).
    pub fn indexed_seq(&self) -> u64 {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0)
    }

    /// Documents in the last commit this handle has seen.
    pub fn num_docs(&self) -> u64 {
        let _ = self.reader.reload();
        self.reader.searcher().num_docs()
    }

    /// Whether an item is in the index.
    pub fn contains(&self, source: &str, id: &str) -> bool {
        let searcher = self.reader.searcher();
        let term = tantivy::Term::from_field_text(self.f.key, &key_of(source, id));
        searcher.doc_freq(&term).map(|n| n > 0).unwrap_or(false)
    }

    fn with_writer<T>(&self, run: impl FnOnce(&mut IndexWriter) -> Result<T>) -> Result<T> {
        let mut guard = self
            .writer
            .lock()
            .map_err(|_| anyhow::anyhow!("search index writer poisoned"))?;
        if guard.is_none() {
            // One indexing thread: the machine is small and polls add tens of items.
            let w = self
                .index
                .writer_with_num_threads(1, WRITER_HEAP)
                .context("cannot take the search index writer (is another zonefeed writing it?)")?;
            *guard = Some(w);
        }
        match guard.as_mut() {
            Some(w) => run(w),
            None => anyhow::bail!("search index writer missing"),
        }
    }

    /// Adds or replaces `items` and commits, raising the recorded sequence to the highest
    /// among them.
    pub fn upsert(&self, items: &[(&Item, Placing)]) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        self.with_writer(|w| {
            // Read under the writer's lock: two polls indexing at once (a write group
            // wakes its polls together) each read the old sequence first, and the one that
            // committed last lowered what the other had raised (the next start then
            // re-indexed the difference: tests/search.rs caught it).
            let mut seq = self.indexed_seq();
            for (item, placing) in items {
                let key = key_of(&item.source, &item.id);
                w.delete_term(tantivy::Term::from_field_text(self.f.key, &key));
                w.add_document(self.doc(item, placing, &key))?;
                seq = seq.max(item.seq);
            }
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload(&seq.to_string());
            prepared.commit()?;
            Ok(())
        })?;
        self.reader.reload().context("cannot reload search index")?;
        Ok(())
    }

    /// Removes every document (for a rebuild), committing sequence 0.
    pub fn clear(&self) -> Result<()> {
        self.with_writer(|w| {
            w.delete_all_documents()?;
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload("0");
            prepared.commit()?;
            Ok(())
        })?;
        self.reader.reload().context("cannot reload search index")?;
        Ok(())
    }

    fn doc(&self, item: &Item, placing: &Placing, key: &str) -> TantivyDocument {
        let f = self.f;
        let mut d = TantivyDocument::new();
        d.add_text(f.key, key);
        d.add_text(f.source, &item.source);
        d.add_text(f.id, &item.id);
        d.add_text(f.title, &item.title);
        if let Some(s) = &item.summary {
            d.add_text(f.summary, strip_tags(s));
        }
        if let Some(c) = &item.content {
            d.add_text(f.text, strip_tags(c));
        }
        for r in &placing.regions {
            d.add_text(f.region, r);
        }
        if let Some(z) = &placing.zone {
            d.add_text(f.zone, z);
        }
        // Names and ids in one text field, each its own value so no phrase spans two.
        for n in placing.names.iter().chain(placing.regions.iter()) {
            d.add_text(f.place, n);
        }
        d.add_text(f.place, &item.source);
        d.add_i64(f.published, item.published.timestamp());
        d
    }

    /// One clause on one field: a term, or a phrase of its terms at their positions.
    fn clause_on(&self, field: Field, clause: &Clause) -> Option<Box<dyn Query>> {
        let ts = terms(self.analyzer, clause.text(), true);
        let first = ts.first()?.pos;
        let mut v: Vec<(usize, tantivy::Term)> = ts
            .iter()
            .map(|t| {
                (
                    (t.pos - first) as usize,
                    tantivy::Term::from_field_text(field, &t.text),
                )
            })
            .collect();
        if v.len() == 1 {
            let (_, t) = v.remove(0);
            let term: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
            // One Han character (`氢`, `港`): with bigrams it stands alone only in a
            // one-character run; inside longer text it is the first or second half of a
            // bigram, so those match too (a scan of the term dictionary, cheap for the few
            // thousand bigrams one character begins or ends).
            if let [only] = ts.as_slice()
                && self.analyzer == Analyzer::Bigram
                && only.text.chars().count() == 1
                && only.text.chars().all(super::analyzer::is_han)
            {
                let c = &only.text;
                let mut parts = vec![(Occur::Should, term)];
                for pattern in [format!("{c}."), format!(".{c}")] {
                    if let Ok(q) = RegexQuery::from_pattern(&pattern, field) {
                        parts.push((Occur::Should, Box::new(q)));
                    }
                }
                return Some(Box::new(BooleanQuery::new(parts)));
            }
            return Some(term);
        }
        Some(Box::new(PhraseQuery::new_with_offset(v)))
    }

    fn clause(&self, clause: &Clause) -> Box<dyn Query> {
        let f = self.f;
        let parts: Vec<(Occur, Box<dyn Query>)> = [f.title, f.summary, f.text, f.place]
            .into_iter()
            .filter_map(|field| self.clause_on(field, clause))
            .map(|q| (Occur::Should, q))
            .collect();
        Box::new(BooleanQuery::new(parts))
    }

    /// The newest `limit` items matching `parsed` (all items when `None`) and `filter`.
    pub fn search(
        &self,
        parsed: Option<&Parsed>,
        filter: &Filter,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        match parsed {
            Some(p) => {
                for g in &p.groups {
                    let ors = g.iter().map(|c| (Occur::Should, self.clause(c))).collect();
                    must.push((Occur::Must, Box::new(BooleanQuery::new(ors))));
                }
                for c in &p.exclude {
                    must.push((Occur::MustNot, self.clause(c)));
                }
            }
            None => must.push((Occur::Must, Box::new(AllQuery))),
        }
        if let Some(r) = &filter.region {
            let t = tantivy::Term::from_field_text(self.f.region, r);
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
            ));
        }
        if let Some(z) = &filter.zone {
            let t = tantivy::Term::from_field_text(self.f.zone, z);
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
            ));
        }
        let places: Vec<(Occur, Box<dyn Query>)> = filter
            .any_regions
            .iter()
            .map(|r| (self.f.region, r))
            .chain(filter.any_zones.iter().map(|z| (self.f.zone, z)))
            .map(|(field, v)| {
                let t = tantivy::Term::from_field_text(field, v);
                let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        if !places.is_empty() {
            must.push((Occur::Must, Box::new(BooleanQuery::new(places))));
        }
        let query = BooleanQuery::new(must);
        let searcher = self.reader.searcher();
        let top: Vec<(i64, DocAddress)> = searcher.search(
            &query,
            &TopDocs::with_limit(limit.max(1)).order_by_fast_field("published", Order::Desc),
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (_, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let get = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            if let (Some(source), Some(id)) = (get(self.f.source), get(self.f.id)) {
                hits.push(Hit { source, id });
            }
        }
        Ok(hits)
    }

    /// Picks up commits made by another handle (another process's writer).
    pub fn refresh(&self) {
        let _ = self.reader.reload();
    }
}

/// Text of HTML for matching: tags out, entities left (they are rare in stored text,
/// which the parse stage already cleaned).
pub(crate) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
