// Most of a page's allocations are small and short-lived strings and rows;
// mimalloc serves them from per-thread pages without glibc's arena locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    keep_c_heap();
    kartrekker_web::cli::main()
}

/// SQLite allocates through glibc's malloc. glibc gives the top of a worker
/// thread's heap back to the kernel as soon as 128 KiB lie free there, which
/// SQLite's sorters and page caches free on every page view. The kernel must
/// then flush both cores' TLBs (madvise) and fault the pages in again on the
/// next query: on the team board that took a fifth of the server's CPU, in a
/// run where it happened. Kept up to 32 MiB, the heap is reused instead.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)] // glibc's mallopt has no safe binding
fn keep_c_heap() {
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // From glibc's malloc.h.
    const M_TRIM_THRESHOLD: i32 = -1;
    const M_MMAP_THRESHOLD: i32 = -3;
    // SAFETY: mallopt only changes glibc's thresholds; it is called before
    // any other thread exists. The trim threshold switches off glibc's own
    // tuning of the mmap threshold, so that one is set as well.
    unsafe {
        mallopt(M_TRIM_THRESHOLD, 32 << 20);
        mallopt(M_MMAP_THRESHOLD, 4 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_c_heap() {}
