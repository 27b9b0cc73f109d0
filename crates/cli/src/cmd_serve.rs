//! `crosscheck serve`: the server crate's HTTP API and web interface over
//! this database.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use crate::exit::Exit;
use crate::Cli;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The address to listen on (loopback by default: put a reverse proxy
    /// with TLS in front to serve others).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Refuse every write (uploads).
    #[arg(long)]
    pub read_only: bool,
    /// The file holding the write token's SHA-256 (`sha256:…`). When it does
    /// not exist, a new token is made, its hash written there and the token
    /// printed once.
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &ServeArgs) -> Result<Exit> {
    let config = crosscheck_server::Config {
        db: cli.db.clone(),
        addr: args.addr,
        read_only: args.read_only,
        token_file: args.token_file.clone(),
    };
    let runtime = tokio_runtime()?;
    runtime.block_on(crosscheck_server::serve(config))?;
    Ok(Exit::Ok)
}

fn tokio_runtime() -> Result<crosscheck_server::Runtime> {
    crosscheck_server::runtime().context("cannot start the server's threads")
}
