fn main() -> std::process::ExitCode {
    kartrekker_web::cli::main()
}
