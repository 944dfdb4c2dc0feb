//! The allocator: jemalloc (tikv-jemallocator) for the `zonefeed` binary, which `main.rs`
//! installs; tests, benches and fuzz targets keep the system allocator.
//!
//! Why jemalloc: measured side by side with glibc's malloc on a first poll of 50,000 `file:`
//! sources (BENCHMARKS.md, section 11): 35% less CPU (perf put a fifth of glibc's run in
//! malloc and free, and more in waits on its arena locks), and 118 MB against 135 MB idle
//! after a restart on that store. glibc needed its arenas capped at two and a `malloc_trim`
//! after each publish; neither applies to jemalloc, and purging jemalloc's arenas after each
//! publish (`arena.<all>.purge`) measured no lower (119 MB against 120–125 MB idle after a
//! first start of 2,500 sources), so it is not done.

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
