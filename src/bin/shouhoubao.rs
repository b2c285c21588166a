//! The `shouhoubao` command: see `shouhoubao::cli` (feature `cli`).

fn main() -> std::process::ExitCode {
    shouhoubao::cli::main()
}
