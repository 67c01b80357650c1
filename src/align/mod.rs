//! Alignment: which characters of the child came from where in the parent.
