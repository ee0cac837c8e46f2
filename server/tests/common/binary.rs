//! The `juara` binary run as an operator runs it: on a data directory of its
//! own, as a server or as a command.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// An empty directory under the system's temporary one, named for the test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("juara-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// `juara` on `data` (the embedded database), logging errors only.
pub fn juara(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_juara"));
    command
        .env("JUARA_DATA", data)
        .env("JUARA_LOG", "error")
        .env_remove("JUARA_DB")
        .env_remove("JUARA_OPS_ADDR");
    command
}

/// A running server, killed when dropped.
pub struct Server {
    child: Child,
    /// Where it serves, `127.0.0.1:port`.
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `juara serve` on `data`, once it says it serves.
pub fn serve(data: &Path) -> Server {
    serve_with(data, &[])
}

/// `juara serve ARGS…` on `data`, once it says it serves.
pub fn serve_with(data: &Path, args: &[&str]) -> Server {
    serve_logging(data, args, &[], Stdio::null())
}

/// [`serve_with`], with `env` set and the log written to `log`.
pub fn serve_logging(
    data: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    log: impl Into<Stdio>,
) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = juara(data)
        .env("JUARA_ADDR", &addr)
        .envs(env.iter().copied())
        .arg("serve")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .unwrap();
    // Wait for the server to say it serves. (Polling the port is not enough: a
    // connect to a free ephemeral port can succeed by connecting to itself.)
    let stdout = child.stdout.take().unwrap();
    let (ready, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        let ready_line = lines.any(|line| line.contains("is serving on"));
        let _ = ready.send(ready_line);
        // Keep reading, so that the server never blocks on a full pipe.
        lines.for_each(drop);
    });
    assert_eq!(
        wait.recv_timeout(Duration::from_secs(90)),
        Ok(true),
        "the server did not start"
    );
    Server { child, addr }
}

/// `GET path` on `addr` over plain HTTP/1.0 (never chunked), with `token` as
/// the bearer when given: (status, body).
pub fn http_get(addr: &str, path: &str, token: Option<&str>) -> (u16, String) {
    let (status, _, body) = http_get_with_head(addr, path, token);
    (status, body)
}

/// [`http_get`], with the answer's head as sent: (status, head, body).
pub fn http_get_with_head(addr: &str, path: &str, token: Option<&str>) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let authorization = token
        .map(|token| format!("Authorization: Bearer {token}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {addr}\r\n{authorization}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap();
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .map(|(head, body)| (head.to_owned(), body.to_owned()))
        .unwrap_or_default();
    (status, head, body)
}

/// The status of `GET path` on `addr`, or `None` while nothing answers there.
pub fn try_http_get(addr: &str, path: &str) -> (Option<u16>, String) {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(addr) else {
        return (None, String::new());
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    if write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").is_err() {
        return (None, String::new());
    }
    let mut answer = Vec::new();
    if stream.read_to_end(&mut answer).is_err() {
        return (None, String::new());
    }
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok());
    (status, answer)
}
