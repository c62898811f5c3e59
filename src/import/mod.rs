//! Reading other tools' journals into entries. Pure: text comes in,
//! entries or a `line: message` error come out; the CLI reads the file and
//! the store writes.

pub mod jrnl;
