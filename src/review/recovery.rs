//! Where unsaved review work is autosaved, so that a crash loses nothing: one recovery file in
//! the user's data folder.

use std::path::PathBuf;

/// The recovery file for unsaved work, in the user's data folder
/// ([`crate::corpus::store::data_dir`]).
pub fn recovery_path() -> Option<PathBuf> {
    crate::corpus::store::data_dir().map(|dir| dir.join("recovery.ron"))
}
