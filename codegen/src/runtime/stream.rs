// `ByteStream`: a binary response body that travels in pieces, on both
// sides. The client hands it over as soon as the status and headers are
// decoded, so a download of any size never sits in memory whole; a server
// method answers with one built from any stream of bytes (a file, a
// generator) or from bytes at hand. Embedded beside the document's types
// when some response is binary (`application/octet-stream`, `type: file`,
// `format: binary`).

/// The error a `ByteStream` carries: whatever failed the source (the
/// connection on the client's side, the producer on the server's).
#[cfg(any(test, runtime = "byte_stream"))]
pub type StreamError = Box<dyn std::error::Error + Send + Sync>;

/// A body of bytes read, or written, in pieces.
///
/// On the client, read it with [`ByteStream::chunk`] (one piece at a time,
/// as it arrives), [`ByteStream::bytes`] (all of it), or as a
/// `futures_core::Stream`. On the server, build one with
/// [`ByteStream::new`] from any stream of `Result<Bytes, E>`, or with
/// `From` from bytes at hand.
#[cfg(any(test, runtime = "byte_stream"))]
pub struct ByteStream {
    inner: std::pin::Pin<Box<dyn futures_core::Stream<Item = Result<bytes::Bytes, StreamError>> + Send>>,
}

#[cfg(any(test, runtime = "byte_stream"))]
impl ByteStream {
    /// A body of the pieces `stream` yields, in order; an `Err` ends it with
    /// that error (the server then breaks off the response).
    pub fn new<S, E>(stream: S) -> Self
    where
        S: futures_core::Stream<Item = Result<bytes::Bytes, E>> + Send + 'static,
        E: Into<StreamError>,
    {
        Self { inner: Box::pin(ErrInto(Box::pin(stream))) }
    }

    /// The next piece, or `None` at the end of the body.
    pub async fn chunk(&mut self) -> Result<Option<bytes::Bytes>, StreamError> {
        std::future::poll_fn(|cx| futures_core::Stream::poll_next(self.inner.as_mut(), cx)).await.transpose()
    }

    /// The rest of the body, read whole.
    pub async fn bytes(mut self) -> Result<bytes::Bytes, StreamError> {
        let Some(first) = self.chunk().await? else {
            return Ok(bytes::Bytes::new());
        };
        let Some(second) = self.chunk().await? else {
            return Ok(first);
        };
        let mut all = bytes::BytesMut::from(&first[..]);
        all.extend_from_slice(&second);
        while let Some(piece) = self.chunk().await? {
            all.extend_from_slice(&piece);
        }
        Ok(all.freeze())
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl futures_core::Stream for ByteStream {
    type Item = Result<bytes::Bytes, StreamError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        futures_core::Stream::poll_next(self.inner.as_mut(), cx)
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ByteStream { .. }")
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl From<bytes::Bytes> for ByteStream {
    fn from(bytes: bytes::Bytes) -> Self {
        Self::new(Once(Some(bytes)))
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from(bytes::Bytes::from(bytes))
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        Self::from(bytes::Bytes::from_static(bytes))
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        Self::from(bytes::Bytes::from(text))
    }
}

/// One piece, then the end (an empty body is no piece at all).
#[cfg(any(test, runtime = "byte_stream"))]
struct Once(Option<bytes::Bytes>);

#[cfg(any(test, runtime = "byte_stream"))]
impl futures_core::Stream for Once {
    type Item = Result<bytes::Bytes, std::convert::Infallible>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.take().filter(|b| !b.is_empty()).map(Ok))
    }
}

/// A stream with its errors boxed (pinned in a box of its own, so that no
/// projection is needed).
#[cfg(any(test, runtime = "byte_stream"))]
struct ErrInto<S>(std::pin::Pin<Box<S>>);

#[cfg(any(test, runtime = "byte_stream"))]
impl<S, E> futures_core::Stream for ErrInto<S>
where
    S: futures_core::Stream<Item = Result<bytes::Bytes, E>>,
    E: Into<StreamError>,
{
    type Item = Result<bytes::Bytes, StreamError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        futures_core::Stream::poll_next(self.0.as_mut(), cx).map(|item| item.map(|r| r.map_err(Into::into)))
    }
}

#[cfg(test)]
mod stream_tests {
    use super::*;

    /// Pieces counted as they are produced.
    struct Counting {
        left: usize,
        produced: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    }

    impl futures_core::Stream for Counting {
        type Item = Result<bytes::Bytes, std::io::Error>;

        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            if self.left == 0 {
                return std::task::Poll::Ready(Some(Err(std::io::Error::other("gone"))));
            }
            self.left -= 1;
            self.produced.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::task::Poll::Ready(Some(Ok(bytes::Bytes::from_static(b"ab"))))
        }
    }

    #[tokio::test]
    async fn pieces_are_produced_as_they_are_read_and_an_error_ends_the_body() {
        let produced = std::sync::Arc::default();
        let mut body = ByteStream::new(Counting { left: 2, produced: std::sync::Arc::clone(&produced) });
        assert_eq!(produced.load(std::sync::atomic::Ordering::SeqCst), 0);
        assert_eq!(body.chunk().await.unwrap().as_deref(), Some(&b"ab"[..]));
        assert_eq!(produced.load(std::sync::atomic::Ordering::SeqCst), 1);
        let error = body.bytes().await.expect_err("the third piece fails");
        assert_eq!(error.to_string(), "gone");
    }

    #[tokio::test]
    async fn bytes_at_hand_are_one_piece_and_read_whole() {
        assert_eq!(ByteStream::from(b"hello".to_vec()).bytes().await.unwrap(), &b"hello"[..]);
        let mut empty = ByteStream::from(String::new());
        assert_eq!(empty.chunk().await.unwrap(), None);
        assert_eq!(format!("{:?}", ByteStream::from(&b"x"[..])), "ByteStream { .. }");
    }
}
