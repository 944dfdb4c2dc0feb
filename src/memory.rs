//! The allocator: jemalloc (tikv-jemallocator) for the `zonefeed` binary, which `main.rs`
//! installs; tests, benches and fuzz targets keep the system allocator.
//!
//! Why jemalloc: measured against glibc's malloc on first polls of 50,000 `file:` sources
//! (BENCHMARKS.md, sections 6 and 11): with story detection off, 54.6 s against 40.0 s CPU
//! side by side; with it on, 66–81 s over three runs against 53–67 s over three (perf put a
//! fifth of the glibc run in malloc and free, and more in waits on its arena locks); idle
//! after a restart on that store, 118–120 MB against 135 MB. glibc needed its arenas
//! capped at two and a `malloc_trim` after each publish; neither applies to jemalloc.
//! Purging jemalloc's arenas after each publish (`arena.<all>.purge`) measured no lower
//! (119 MB against 120–125 MB idle after a first start of 2,500 sources): not done.
//!
//! Traded away, measured for issue 33 (BENCHMARKS.md, section 16): `tcache:false` with
//! `dirty_decay_ms:0,muzzy_decay_ms:0` (set through `_RJEM_MALLOC_CONF`) idles at 71–73 MB
//! after that first start against 88–96 MB for either part alone or neither, and lowers a
//! first poll's peak (94–102 against 134–137 MB, 200 local feeds), but costs that poll 33–40% more
//! CPU (madvise churn in `sys` and arena locks): left to an operator short of memory, not
//! the default.

/// What `main.rs` puts in its `#[global_allocator]` static.
#[cfg(all(target_os = "linux", not(target_env = "msvc")))]
pub type Allocator = tikv_jemallocator::Jemalloc;

/// jemalloc's options, which `main.rs` exports as `_rjem_malloc_conf`.
///
/// Two arenas, not jemalloc's four per core: idle after a first start of 2,500 sources,
/// 104 MB against 119–125 MB with the default (restart 50 MB against 47–53 MB, within the
/// noise); the two cores are the most threads that allocate at once.
pub const MALLOC_CONF: Conf = Conf(c"narenas:2".as_ptr());

/// A C string pointer that may sit in a `static` (jemalloc only reads it).
#[repr(transparent)]
pub struct Conf(*const std::ffi::c_char);

// SAFETY: it points at a string literal, which nothing writes.
unsafe impl Sync for Conf {}
