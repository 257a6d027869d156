// Public types every side of a generated file shares: `FilePart`, a file of
// a `multipart/form-data` body, and `BasicAuth`. Embedded in the generated
// file's private `runtime` module and re-exported beside the document's
// request and response types, when the document needs them.

/// A file in a `multipart/form-data` body: its bytes, with the file name and
/// content type its part carries.
#[cfg(any(test, runtime = "files"))]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FilePart {
    /// The part's `filename`, when it has one.
    pub file_name: Option<String>,
    /// The part's `Content-Type`, when it has one.
    pub content_type: Option<String>,
    pub bytes: bytes::Bytes,
}

/// A user name and password for HTTP basic authentication.
#[cfg(any(test, runtime = "basic"))]
#[derive(Clone, PartialEq, Eq)]
pub struct BasicAuth {
    pub username: String,
    pub password: String,
}

#[cfg(any(test, runtime = "basic"))]
impl std::fmt::Debug for BasicAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BasicAuth")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}
