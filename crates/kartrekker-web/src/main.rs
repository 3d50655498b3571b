// Most of a page's allocations are small and short-lived strings and rows;
// mimalloc serves them from per-thread pages without glibc's arena locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    kartrekker_web::cli::main()
}
