//! The build script's parsers, validators and generators (`build/*.rs`),
//! tested directly: one test per kind of defect, each checking the
//! `FILE:LINE: message` it reports.

#[allow(dead_code)] // the library's half of the vocabularies
#[path = "../../src/vocabulary.rs"]
mod vocabulary;

#[path = "../../build/table.rs"]
mod table;

#[path = "../../build/emit.rs"]
mod emit;

#[path = "../../build/interfaces.rs"]
mod interfaces;

#[path = "../../build/emit_interfaces.rs"]
mod emit_interfaces;

mod emit_tests;
mod interfaces_tests;
mod table_tests;
