//! The engine's tests, one binary: reading documents, comparing, corpus mode, review files and
//! reports, on the real corpus (`tests/corpus/`) and generated input.

#[path = "support/synth/planted.rs"]
#[allow(dead_code)] // the example uses the rest of the generator
mod planted;
#[path = "support/synth/mod.rs"]
#[allow(dead_code)] // the examples and benches use the rest of the generator
mod synth;
#[path = "support/trace_synth.rs"]
#[allow(dead_code)] // the example uses the rest of the generator
mod trace_synth;

#[path = "engine/checks.rs"]
mod checks;
#[path = "engine/corpus_run.rs"]
mod corpus_run;
#[path = "engine/corpus_sources.rs"]
mod corpus_sources;
#[path = "engine/corpus_store.rs"]
mod corpus_store;
#[path = "engine/document_frame.rs"]
mod document_frame;
#[path = "engine/evaluation.rs"]
mod evaluation;
#[path = "engine/formats_hostile.rs"]
mod formats_hostile;
#[path = "engine/formats_inputs.rs"]
mod formats_inputs;
#[path = "engine/formats_native.rs"]
mod formats_native;
#[path = "engine/formats_writers.rs"]
mod formats_writers;
#[path = "engine/fuzz.rs"]
mod fuzz;
#[path = "engine/lineage_gold.rs"]
mod lineage_gold;
#[path = "engine/manual_links.rs"]
mod manual_links;
#[path = "engine/outline_corpus.rs"]
mod outline_corpus;
#[path = "engine/pdf_damage.rs"]
mod pdf_damage;
#[path = "engine/properties.rs"]
mod properties;
#[path = "engine/repeats.rs"]
mod repeats;
#[path = "engine/report_html.rs"]
mod report_html;
#[path = "engine/session_files.rs"]
mod session_files;
#[path = "engine/split_corpus.rs"]
mod split_corpus;
#[path = "engine/substitutions.rs"]
mod substitutions;
#[path = "engine/synth_truth.rs"]
mod synth_truth;
#[path = "engine/trace.rs"]
mod trace;
#[path = "engine/trace_evaluation.rs"]
mod trace_evaluation;
