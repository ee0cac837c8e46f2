//! The `juara` binary on real data directories: clear messages and a non-zero exit
//! for bad input and for a data directory that is locked, unwritable or corrupt —
//! never a panic.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common::binary::{juara, serve, temp_dir};
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

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
