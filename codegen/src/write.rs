//! Stage 6: tokens to formatted source, and files written only when changed.

use crate::diagnostic::Error;
use crate::emit::Piece;
use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use syn::parse::{ParseStream, Parser};

/// The file: each piece's tokens from `emit`, printed under a `@generated`
/// header naming the source document, formatted with prettyplease when
/// `pretty` (and then parsed by syn first, a free syntax check), else by the
/// plain printer. Pieces are emitted and printed side by side, as many at
/// once as the machine has cores; each piece's tokens are dropped once it is
/// printed.
pub(crate) fn render<F>(source_name: &str, pretty: bool, emit: F) -> Result<String, syn::Error>
where
    F: Fn(Piece) -> TokenStream + Sync,
{
    let printed = side_by_side(|piece| {
        let tokens = emit(piece);
        if pretty {
            pretty_items(tokens)
        } else {
            Ok(plain_items(tokens))
        }
    });
    let printed = printed.into_iter().collect::<Result<Vec<String>, _>>()?;
    let length: usize = printed.iter().map(String::len).sum();
    let mut out = header(source_name);
    // Room for the blank lines `space_items` adds.
    out.reserve(length + length / 16 + 1);
    if pretty {
        space_items(printed.iter().flat_map(|text| text.lines()), &mut out);
    } else {
        printed.iter().for_each(|text| out.push_str(text));
        out.push('\n');
    }
    Ok(out)
}

/// `work` done for every piece, on up to one thread per core; the results
/// in the file's order.
fn side_by_side<T: Send>(work: impl Fn(Piece) -> T + Sync) -> Vec<T> {
    // The largest first (the server is about two fifths of a file), so the
    // last to finish is a small one.
    const ORDER: [Piece; 4] = [Piece::Server, Piece::Shared, Piece::Client, Piece::Types];
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(ORDER.len());
    let next = AtomicUsize::new(0);
    let done: Vec<Mutex<Option<T>>> = Piece::ALL.iter().map(|_| Mutex::new(None)).collect();
    let run = || {
        while let Some(&piece) = ORDER.get(next.fetch_add(1, Ordering::Relaxed)) {
            let result = work(piece);
            if let Some(slot) = Piece::ALL
                .iter()
                .position(|&p| p == piece)
                .and_then(|i| done.get(i))
            {
                *slot
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(result);
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..workers {
            // A thread the system refuses is no error: this one takes the
            // pieces no other took. Workers get the stack a main thread has.
            let _ = std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn_scoped(scope, run);
        }
        run();
    });
    // Every slot is filled: the threads took every piece of ORDER, which
    // holds each piece once (this thread takes what is left), and a worker
    // that panicked has panicked the scope.
    done.into_iter()
        .filter_map(|slot| {
            slot.into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        })
        .collect()
}

/// prettyplease's output for `tokens`, a sequence of items, one item at a
/// time: a module's items are parsed and printed one by one inside it, so
/// that no more than one item's syntax tree exists at once (the syntax tree
/// of Kubernetes's server module alone took hundreds of megabytes).
fn pretty_items(tokens: TokenStream) -> Result<String, syn::Error> {
    let mut out = String::new();
    let items = |input: ParseStream<'_>| -> syn::Result<()> {
        while !input.is_empty() {
            if module_ahead(input) {
                module(input, &mut out)?;
            } else {
                out.push_str(&prettyplease::unparse(&file(vec![input.parse()?])));
            }
        }
        Ok(())
    };
    items.parse2(tokens)?;
    Ok(out)
}

/// Whether a module with a body (`#[attr] pub mod name { ... }`) comes next.
fn module_ahead(input: ParseStream<'_>) -> bool {
    let fork = input.fork();
    fork.call(syn::Attribute::parse_outer).is_ok()
        && fork.parse::<syn::Visibility>().is_ok()
        && fork.peek(syn::Token![mod])
        && fork.peek2(syn::Ident)
        && fork.peek3(syn::token::Brace)
}

/// A module, item by item: its head and tail as prettyplease prints them
/// around a marker item, and each item as prettyplease prints it alone in
/// the same module (at the same indentation, so with the same line breaks).
fn module(input: ParseStream<'_>, out: &mut String) -> syn::Result<()> {
    const MARKER: &str = "__swagger_stubgen_items";
    let mut attrs = input.call(syn::Attribute::parse_outer)?;
    let vis: syn::Visibility = input.parse()?;
    input.parse::<syn::Token![mod]>()?;
    let ident: syn::Ident = input.parse()?;
    let content;
    syn::braced!(content in input);
    attrs.extend(content.call(syn::Attribute::parse_inner)?);
    let shell = |attrs, vis, items| {
        syn::Item::Mod(syn::ItemMod {
            attrs,
            vis,
            unsafety: None,
            mod_token: Default::default(),
            ident: ident.clone(),
            content: Some((syn::token::Brace::default(), items)),
            semi: None,
        })
    };
    if content.is_empty() {
        out.push_str(&prettyplease::unparse(&file(vec![shell(
            attrs,
            vis,
            Vec::new(),
        )])));
        return Ok(());
    }
    let marker: syn::Item = syn::parse_str(&format!("const {MARKER}: () = ();"))?;
    let printed = prettyplease::unparse(&file(vec![shell(attrs, vis, vec![marker])]));
    let unexpected = || {
        syn::Error::new(
            ident.span(),
            "internal error: a module printed unexpectedly",
        )
    };
    let at = printed.rfind(MARKER).ok_or_else(unexpected)?;
    let head_end = printed[..at].rfind('\n').map_or(0, |i| i + 1);
    let tail_start = printed[at..]
        .find('\n')
        .map_or(printed.len(), |i| at + i + 1);
    out.push_str(&printed[..head_end]);
    while !content.is_empty() {
        let item: syn::Item = content.parse()?;
        let alone = prettyplease::unparse(&file(vec![shell(
            Vec::new(),
            syn::Visibility::Inherited,
            vec![item],
        )]));
        // `mod name {` on the first line, `}` on the last.
        let inner = alone
            .split_once('\n')
            .and_then(|(_, rest)| rest.strip_suffix("}\n"))
            .ok_or_else(unexpected)?;
        out.push_str(inner);
    }
    out.push_str(&printed[tail_start..]);
    Ok(())
}

fn file(items: Vec<syn::Item>) -> syn::File {
    syn::File {
        shebang: None,
        frontmatter: None,
        attrs: Vec::new(),
        items,
    }
}

/// The tokens as source without a syntax tree: one item, statement, field,
/// variant or match arm per line, indented by brace depth. For output nobody
/// is meant to read, a build script's: a fraction of prettyplease's cost,
/// and rustc's messages still point at short lines.
fn plain_items(tokens: TokenStream) -> String {
    let mut printer = Plain {
        out: String::new(),
        depth: 0,
        fresh_line: true,
        glue: Glue::Space,
        after_punct: false,
    };
    printer.stream(tokens, true);
    printer.out
}

/// The plain printer's file for `tokens`.
#[cfg(test)]
fn plain(tokens: TokenStream, source_name: &str) -> String {
    format!("{}{}\n", header(source_name), plain_items(tokens))
}

fn header(source_name: &str) -> String {
    let source_name: String = source_name.chars().filter(|c| !c.is_control()).collect();
    format!(
        "// @generated by swagger-stubgen from `{source_name}`.\n\
         // Do not edit: change the document and rebuild.\n\n"
    )
}

/// The state of [`plain`]'s printer.
struct Plain {
    out: String,
    depth: usize,
    /// Nothing but indentation is on the current line yet.
    fresh_line: bool,
    /// How the next token follows the last.
    glue: Glue,
    /// The last token written was a punctuation mark.
    after_punct: bool,
}

/// Whether a space goes before the next token. Two punctuation marks are
/// written together only where the document's tokens were (`::`, `->`,
/// `'a`), so no new operator (`>=`, `=<`) can form between them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Glue {
    /// A space.
    Space,
    /// No space before a word or group, a space before a punctuation mark.
    Soft,
    /// No space: a joint punctuation mark's pair.
    Joint,
}

impl Plain {
    /// `tokens`, breaking lines after `;` and, directly inside braces, `,`.
    fn stream(&mut self, tokens: TokenStream, in_braces: bool) {
        let mut tokens = tokens.into_iter().peekable();
        let mut after_hash = false;
        let mut last_colon_joint = false;
        while let Some(token) = tokens.next() {
            let was_hash = std::mem::take(&mut after_hash);
            if !matches!(token, TokenTree::Punct(_)) {
                last_colon_joint = false;
            }
            match token {
                TokenTree::Group(group) => match group.delimiter() {
                    Delimiter::Brace => {
                        self.word("{", false);
                        self.depth += 1;
                        self.newline();
                        self.stream(group.stream(), true);
                        self.depth -= 1;
                        self.newline();
                        self.word("}", false);
                        let joined = tokens.peek().is_some_and(|next| match next {
                            TokenTree::Punct(p) => matches!(p.as_char(), ',' | ';' | '.' | '?'),
                            TokenTree::Ident(i) => i == "else",
                            _ => false,
                        });
                        if in_braces && !joined {
                            self.newline();
                        }
                    }
                    Delimiter::Parenthesis => self.delimited("(", group.stream(), ")"),
                    Delimiter::Bracket => {
                        self.delimited("[", group.stream(), "]");
                        if was_hash && in_braces {
                            self.newline();
                        }
                    }
                    Delimiter::None => self.stream(group.stream(), in_braces),
                },
                TokenTree::Punct(punct) => {
                    let c = punct.as_char();
                    let joint = punct.spacing() == Spacing::Joint;
                    // The second `:` of `::`, after a joint first one.
                    let path = c == ':' && !joint && last_colon_joint;
                    last_colon_joint = c == ':' && joint;
                    // What attaches to the word before it.
                    let attaches = matches!(c, ',' | ';' | '?' | '.' | '<' | '>' | ':');
                    if attaches && self.glue == Glue::Space {
                        self.glue = Glue::Soft;
                    }
                    let mut text = [0; 4];
                    self.word(c.encode_utf8(&mut text), true);
                    // What the next word attaches to.
                    self.glue = if joint {
                        Glue::Joint
                    } else if path || matches!(c, '.' | '#' | '<' | '&') || (c == '!' && was_hash) {
                        Glue::Soft
                    } else {
                        Glue::Space
                    };
                    after_hash = c == '#' || (c == '!' && was_hash);
                    if in_braces && matches!(c, ';' | ',') {
                        self.newline();
                    }
                }
                TokenTree::Ident(ident) => self.word(&ident.to_string(), false),
                TokenTree::Literal(literal) => self.word(&literal.to_string(), false),
            }
        }
    }

    fn delimited(&mut self, open: &str, inner: TokenStream, close: &str) {
        // `f(x)`, `a[0]`, `#[derive(Debug)]`: no space before the group.
        if self.glue == Glue::Space && (!self.after_punct || self.out.ends_with('>')) {
            self.glue = Glue::Soft;
        }
        self.word(open, false);
        self.glue = Glue::Soft;
        self.stream(inner, false);
        self.glue = Glue::Soft;
        self.after_punct = false;
        self.word(close, false);
    }

    fn word(&mut self, text: &str, punct: bool) {
        if self.fresh_line {
            for _ in 0..self.depth {
                self.out.push_str("    ");
            }
        } else {
            let space = match self.glue {
                Glue::Joint => false,
                Glue::Soft => punct && self.after_punct,
                Glue::Space => true,
            };
            if space {
                self.out.push(' ');
            }
        }
        self.out.push_str(text);
        self.fresh_line = false;
        self.glue = Glue::Space;
        self.after_punct = punct;
    }

    fn newline(&mut self) {
        if !self.fresh_line {
            self.out.push('\n');
            self.fresh_line = true;
        }
    }
}

/// Writes `contents` to `path` unless the file already holds exactly that, so
/// that an unchanged document leaves the file's mtime alone and nothing
/// recompiles. Returns whether the file was written.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool, Error> {
    if let Ok(existing) = std::fs::read(path) {
        if existing == contents {
            return Ok(false);
        }
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(path, contents).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(true)
}

/// prettyplease prints items back to back; a blank line after every closing
/// brace that ends an item or block makes the output read like hand-written code.
fn space_items<'a>(lines: impl Iterator<Item = &'a str>, out: &mut String) {
    let mut lines = lines.peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        let Some(&next) = lines.peek() else {
            continue;
        };
        let trimmed = line.trim_start();
        let closes = trimmed == "}"
            || (trimmed.ends_with(';')
                && [
                    "pub const ",
                    "pub type ",
                    "const ",
                    "type ",
                    "use ",
                    "pub use ",
                ]
                .iter()
                .any(|p| trimmed.starts_with(p)));
        let indent = |l: &str| l.len() - l.trim_start().len();
        let next_trimmed = next.trim_start();
        let starts_item = [
            "///",
            "#[",
            "pub ",
            "pub(",
            "fn ",
            "async fn ",
            "impl",
            "struct ",
            "enum ",
            "mod ",
            "type ",
            "const ",
            "trait ",
            "use ",
        ]
        .iter()
        .any(|p| next_trimmed.starts_with(p));
        if closes && starts_item && indent(line) == indent(next) {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `plain` wrote reads back as the same tokens.
    fn round_trips(source: &str) -> String {
        let tokens: TokenStream = source.parse().unwrap();
        let printed = plain(tokens.clone(), "x.yaml");
        let back: TokenStream = printed.parse().unwrap();
        let (back, tokens) = (back.to_string(), tokens.to_string());
        if back != tokens {
            let at = back
                .bytes()
                .zip(tokens.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            panic!(
                "differs at {at}: {:?} / {:?}",
                &back[at.saturating_sub(80)..(at + 80).min(back.len())],
                &tokens[at.saturating_sub(80)..(at + 80).min(tokens.len())]
            );
        }
        printed
    }

    #[test]
    fn plain_output_is_the_same_tokens_one_statement_per_line() {
        for runtime in crate::runtime::TOP
            .iter()
            .chain(crate::runtime::SERVER_SUPPORT)
            .chain(crate::runtime::CLIENT_SUPPORT)
        {
            round_trips(runtime.text());
        }
        let printed = round_trips(
            "#[derive(Debug)] pub struct A { pub x: ::std::vec::Vec<u8>, y: [u8; 4] } \
             fn f<'a>(a: &'a A) -> u8 { if a.y[0] == 1 { 2 } else { match a.x.len() { 0 => 1, _ => 3 } } }",
        );
        assert!(printed.starts_with("// @generated by swagger-stubgen from `x.yaml`."));
        assert!(
            printed.contains(
                "\n#[derive(Debug)]\npub struct A {\n    pub x: ::std::vec::Vec<u8>,\n    y: [u8; 4]\n}\n"
            ),
            "{printed}"
        );
        assert!(printed.contains("fn f<'a>(a: &'a A) -> u8 {"), "{printed}");
        assert!(printed.contains("if a.y[0] == 1 {"), "{printed}");
        assert!(printed.contains("        0 => 1,\n"), "{printed}");
    }

    /// Both printers on a document's tokens: the plain one writes the same
    /// tokens, and prettyplease item by item writes what it writes for the
    /// whole file at once.
    fn same_code(path: &Path) -> Result<(), String> {
        let Ok(bytes) = std::fs::read(path) else {
            return Ok(());
        };
        let name = path.to_string_lossy();
        let Some(tokens) = crate::generate_tokens(&name, &bytes, &crate::Options::default()) else {
            return Ok(());
        };
        let whole = syn::parse2::<syn::File>(tokens.clone())
            .map(|file| prettyplease::unparse(&file))
            .map_err(|e| format!("{name}: does not parse: {e}"))?;
        match pretty_items(tokens.clone()) {
            Ok(by_items) if by_items == whole => {}
            Ok(_) => return Err(format!("{name}: printed item by item, the output differs")),
            Err(e) => return Err(format!("{name}: item by item, does not parse: {e}")),
        }
        let expected = tokens.to_string();
        match plain(tokens, "x").parse::<TokenStream>() {
            Ok(back) if back.to_string() == expected => Ok(()),
            Ok(_) => Err(format!("{name}: the plain output is other tokens")),
            Err(e) => Err(format!("{name}: the plain output does not lex: {e}")),
        }
    }

    #[test]
    fn modules_print_item_by_item_as_whole() {
        let source = "/// A module.\n#[allow(dead_code)] pub mod a { #![allow(unused)] \
                      use super::x; pub struct B { pub c: u8 } mod empty {} \
                      mod inner { pub fn d() -> u8 { 1 } } impl B { fn e(&self) {} } } \
                      pub mod none {} fn top() {} mod last { const X: u8 = 1; }";
        let tokens: TokenStream = source.parse().unwrap();
        let whole = prettyplease::unparse(&syn::parse2(tokens.clone()).unwrap());
        assert_eq!(pretty_items(tokens).unwrap(), whole);
        assert!(
            whole.contains("    #![allow(unused)]\n    use super::x;\n"),
            "{whole}"
        );
        assert!(whole.contains("pub mod none {}\n"), "{whole}");
        // A file that is not Rust is an error, not a panic.
        assert!(pretty_items("pub mod a { fn }".parse().unwrap()).is_err());
        assert!(pretty_items("pub mod a { } fn".parse().unwrap()).is_err());
    }

    #[test]
    fn the_printers_agree_on_every_spec_document() {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        for entry in std::fs::read_dir(spec).unwrap() {
            same_code(&entry.unwrap().path()).unwrap();
        }
    }

    /// The same over both shared corpora (run before saying an issue about
    /// the printer resolved): `cargo test -p swagger-stubgen --release --lib
    /// -- --ignored the_printers_agree`.
    #[test]
    #[ignore = "reads ../shared"]
    fn the_printers_agree_on_both_corpora() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
        let mut failures = Vec::new();
        let mut count = 0;
        for corpus in ["corpus", "corpus-oas3"] {
            let Ok(manifest) = std::fs::read_to_string(shared.join(corpus).join("MANIFEST.tsv"))
            else {
                continue;
            };
            for line in manifest.lines().skip(1) {
                let Some(path) = line.split('\t').next().filter(|p| !p.is_empty()) else {
                    continue;
                };
                count += 1;
                if let Err(e) = same_code(&shared.join(corpus).join(path)) {
                    failures.push(e);
                }
            }
        }
        println!("{count} documents, {} disagreements", failures.len());
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
