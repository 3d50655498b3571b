// Kept (docs/decisions/0007): pages allocate many small short-lived strings and
// rows; without mimalloc a page cost 15–30 % more CPU (board, home, results, submit).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    kartrekker_web::cli::main()
}
