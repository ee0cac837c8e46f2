//! Passwords, session tokens and the people's-choice voter cookie.

pub mod password;
pub mod session;
pub mod voter;
