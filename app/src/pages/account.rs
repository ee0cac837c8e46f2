//! Pages for everyone signed in, whatever their role.

pub mod account_page;
