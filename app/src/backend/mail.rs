//! Mail: the words of each message (`letters`), who gets them (`outgoing`),
//! where messages go
//! (`transport`) and the worker that sends what the outbox holds (`worker`).
//! Services put messages in the outbox (`repo::mail`) in the transaction of the
//! event that causes them; nothing else sends mail.

pub mod calendar;
pub mod letters;
pub mod outgoing;
pub mod transport;
pub mod worker;
