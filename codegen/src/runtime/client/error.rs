// The client's `Error`, embedded in the generated `client` module.

// Not `#[non_exhaustive]`: it lives in the crate that includes the generated
// code, where the attribute protects nothing and a wildcard arm after every
// variant draws `unreachable_patterns` (issue 16).

/// Why a call did not produce a documented response. A later version of
/// the generator may add variants.
#[derive(Debug)]
pub enum Error {
    /// A parameter could not be put into the request (a header value with a
    /// line break, say).
    InvalidRequest { parameter: &'static str, message: String },
    /// The request could not be sent or the response not read.
    Request(reqwest::Error),
    /// A middleware of the `ClientWithMiddleware` failed (always its
    /// `Middleware` variant: reqwest's own failures arrive as `Request`,
    /// whichever layer met them).
    #[cfg(any(test, runtime = "middleware"))]
    Middleware(reqwest_middleware::Error),
    /// The server answered with a status the document does not list.
    UnexpectedStatus { status: u16, body: bytes::Bytes },
    /// The response body did not decode as the documented type.
    Decode { status: u16, body: bytes::Bytes, message: String },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::InvalidRequest { parameter, message } => {
                write!(f, "parameter `{parameter}` cannot be sent: {message}")
            }
            Self::Request(error) => write!(f, "request failed: {error}"),
            #[cfg(any(test, runtime = "middleware"))]
            Self::Middleware(error) => write!(f, "middleware failed: {error}"),
            Self::UnexpectedStatus { status, body } => {
                write!(f, "undocumented status {status} ({} bytes of body)", body.len())
            }
            Self::Decode { status, message, .. } => {
                write!(f, "the body of a {status} response did not decode: {message}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Request(error) => Some(error),
            #[cfg(any(test, runtime = "middleware"))]
            Self::Middleware(error) => Some(error),
            _ => None,
        }
    }
}

/// What `ClientWithMiddleware::send` failed with, as the client's `Error`.
#[cfg(any(test, runtime = "middleware"))]
impl From<reqwest_middleware::Error> for Error {
    fn from(error: reqwest_middleware::Error) -> Self {
        match error {
            reqwest_middleware::Error::Reqwest(error) => Self::Request(error),
            error => Self::Middleware(error),
        }
    }
}

#[cfg(test)]
mod error_tests {
    use super::*;

    #[test]
    fn errors_say_what_went_wrong_and_keep_the_body() {
        let error = Error::UnexpectedStatus { status: 418, body: bytes::Bytes::from_static(b"tea") };
        assert_eq!(error.to_string(), "undocumented status 418 (3 bytes of body)");
        let error = Error::InvalidRequest { parameter: "id", message: "a line break".into() };
        assert_eq!(error.to_string(), "parameter `id` cannot be sent: a line break");
        assert!(std::error::Error::source(&error).is_none());
    }

    #[test]
    fn middleware_failures_keep_reqwest_s_own_apart() {
        let failed = reqwest_middleware::Error::middleware(std::fmt::Error);
        let error = Error::from(failed);
        assert!(matches!(error, Error::Middleware(_)), "{error:?}");
        assert_eq!(error.to_string(), "middleware failed: an error occurred when formatting an argument");
        assert!(std::error::Error::source(&error).is_some());
    }
}
