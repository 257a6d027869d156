//! Operation selection (`Options::select`, `Builder::tag` and friends): the
//! operations chosen by tag, operationId and path prefix, only the
//! definitions they reach, and a clear error for a selector that matches
//! nothing. The selected code compiles and serves: `generated::petstore_owners`
//! (built by generated/build.rs) is round-tripped in `e2e::petstore`.

use swagger_stubgen::{Options, Selection, generate};

fn spec(name: &str) -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/").to_string() + name).unwrap()
}

fn code(name: &str, select: impl FnOnce(&mut Selection)) -> Result<String, String> {
    let mut options = Options::default();
    select(&mut options.select);
    // Without `server::DOCUMENT`, the whole document as written.
    generate(name, &spec(name), &options)
        .map(|g| {
            g.code
                .lines()
                .filter(|l| !l.contains("pub const DOCUMENT"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .map_err(|e| e.to_string())
}

/// The client's operation methods, by name: those returning a `Call` (or,
/// streaming, a response).
fn client_calls(code: &str) -> Vec<&str> {
    let lines: Vec<&str> = code.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let l = l.trim();
            let name = l
                .strip_prefix("pub fn ")
                .or(l.strip_prefix("pub async fn "))?;
            let signature = lines[i..(i + 4).min(lines.len())].concat();
            (signature.contains("-> Call<") || signature.contains("Result<super::"))
                .then(|| &name[..name.find('(').unwrap()])
        })
        .collect()
}

#[test]
fn an_operation_id_selects_one_operation_and_only_what_it_reaches() {
    let code = code("petstore.yaml", |s| s.operations.push("showPetById".into())).unwrap();
    assert_eq!(client_calls(&code), ["show_pet_by_id"]);
    assert!(code.contains("fn show_pet_by_id(\n"), "the server's method");
    for kept in [
        "pub struct Pet {",
        "pub struct Error {",
        "pub enum PetStatus {",
    ] {
        assert!(code.contains(kept), "{kept} is reached");
    }
    assert!(!code.contains("NewPet"), "only createPet reaches NewPet");
    assert!(!code.contains("ListPetsRequest"));
}

#[test]
fn includes_add_up_and_excludes_take_away() {
    let owners = code("petstore.yaml", |s| s.tags.push("owners".into())).unwrap();
    assert_eq!(client_calls(&owners), ["find_owned_pet"]);
    let pets_but_delete = code("petstore.yaml", |s| {
        s.tags.push("pets".into());
        s.exclude_operations.push("deletePet".into());
    })
    .unwrap();
    assert_eq!(
        client_calls(&pets_but_delete),
        ["list_pets", "create_pet", "show_pet_by_id"]
    );
    let by_path = code("petstore.yaml", |s| {
        s.paths.push("/pets".into());
        s.operations.push("findOwnedPet".into());
        s.exclude_paths.push("/pets/{petId}".into());
    })
    .unwrap();
    assert_eq!(
        client_calls(&by_path),
        ["list_pets", "create_pet", "find_owned_pet"]
    );
    // Everything but one operation.
    let all_but = code("petstore.yaml", |s| s.exclude_tags.push("owners".into())).unwrap();
    assert_eq!(client_calls(&all_but).len(), 4);
}

#[test]
fn subtypes_of_a_reached_base_come_along_even_through_another_subtype() {
    let code = code("polymorphism.yaml", |s| {
        s.operations.push("putShelter".into())
    })
    .unwrap();
    assert_eq!(client_calls(&code), ["put_shelter"]);
    for variant in ["Cat(Cat)", "Dog(Dog)", "Puppy(Puppy)"] {
        assert!(code.contains(variant), "Pet's enum has {variant}");
    }
}

#[test]
fn a_selector_that_matches_nothing_is_an_error_naming_the_closest() {
    let error = code("petstore.yaml", |s| s.operations.push("showPet".into())).unwrap_err();
    assert!(
        error.contains(
            "the operationId `showPet` (--operation) selects no operation; the closest: `showPetById`"
        ),
        "{error}"
    );
    // Paths are prefixes segment by segment: `/pet` is not `/pets`.
    let error = code("petstore.yaml", |s| s.paths.push("/pet".into())).unwrap_err();
    assert!(error.contains("the closest: `/pets`"), "{error}");
    let error = code("petstore.yaml", |s| s.exclude_tags.push("Owner".into())).unwrap_err();
    assert!(error.contains("the closest: `owners`"), "{error}");
}

#[test]
fn the_builder_takes_the_selection_and_an_empty_one_is_everything() {
    let out = tempfile::tempdir().unwrap();
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/petstore.yaml");
    swagger_stubgen::Builder::new()
        .spec(spec)
        .operation("listPets")
        .exclude_tag("owners")
        .out_dir(out.path())
        .cargo_output(false)
        .generate()
        .unwrap();
    let written = std::fs::read_to_string(out.path().join("petstore.rs")).unwrap();
    assert_eq!(client_calls(&written), ["list_pets"]);
    assert!(Selection::default().is_all());
    let all = code("petstore.yaml", |_| {}).unwrap();
    assert_eq!(client_calls(&all).len(), 5);
}
