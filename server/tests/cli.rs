//! The `juara` binary on real data directories: clear messages and a non-zero exit
//! for bad input and for a data directory that is locked, unwritable or corrupt —
//! never a panic.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("juara-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn juara(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_juara"));
    command
        .env("JUARA_DATA", data)
        .env("JUARA_LOG", "error")
        .env_remove("JUARA_DB");
    command
}

fn add_user(data: &Path, email: &str, password: &str) -> Output {
    let mut child = juara(data)
        .args(["user", "add", "--role", "admin", "--email", email])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(password.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_refused(output: &Output, message: &str) {
    let text = stderr(output);
    assert!(
        !output.status.success(),
        "expected a failure, got success: {text}"
    );
    assert!(text.contains(message), "expected `{message}` in: {text}");
    assert!(!text.contains("panicked"), "must not panic: {text}");
}

#[test]
fn user_add_reads_the_password_from_stdin_and_explains_refusals() {
    let data = temp_dir("users");
    let added = add_user(&data, "panitia@juara.test", "correct horse battery\n");
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(String::from_utf8_lossy(&added.stdout).contains("added panitia@juara.test"));
    assert_refused(
        &add_user(&data, "panitia@juara.test", "another long password"),
        "already exists",
    );
    assert_refused(
        &add_user(&data, "juri@juara.test", "short"),
        "at least 10 characters",
    );
    assert_refused(
        &add_user(&data, "not-an-email", "long enough password"),
        "not an e-mail address",
    );
    let _ = std::fs::remove_dir_all(&data);
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(data: &Path) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = juara(data)
        .env("JUARA_ADDR", format!("127.0.0.1:{port}"))
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the server to say it serves. (Polling the port is not enough: a
    // connect to a free ephemeral port can succeed by connecting to itself.)
    let stdout = child.stdout.take().unwrap();
    let (ready, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let ready_line = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .any(|line| line.contains("is serving on"));
        let _ = ready.send(ready_line);
    });
    assert_eq!(
        wait.recv_timeout(Duration::from_secs(60)),
        Ok(true),
        "the server did not start"
    );
    Server(child)
}

#[test]
fn a_data_directory_in_use_by_the_server_is_refused_with_a_clear_message() {
    let data = temp_dir("locked");
    let _server = serve(&data);
    assert_refused(
        &add_user(&data, "panitia@juara.test", "correct horse battery"),
        "in use by another Juara process; stop the server",
    );
    drop(_server);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn an_unwritable_data_directory_is_refused_with_a_clear_message() {
    let data = Path::new("/proc/juara-cannot-live-here");
    assert_refused(
        &add_user(data, "panitia@juara.test", "correct horse battery"),
        "cannot be used",
    );
}

#[test]
fn a_corrupt_database_is_refused_with_a_clear_message() {
    let data = temp_dir("corrupt");
    std::fs::create_dir_all(&data).unwrap();
    // Where the database directory should be, a file of garbage.
    std::fs::write(data.join("db"), b"\x00\x01 not a database \xff").unwrap();
    assert_refused(
        &add_user(&data, "panitia@juara.test", "correct horse battery"),
        "could not open the database",
    );
    let _ = std::fs::remove_dir_all(&data);
}
