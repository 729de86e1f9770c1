"""SPARQL prefixes for tests that edit or ask a graph by hand (one block, not one per test file)."""

from esfgraph.vocab import PREFIXES as VOCAB_PREFIXES

#: ``id:`` for the instance data, beside the project's own prefixes (esfgraph.vocab.PREFIXES).
PREFIXES = {**VOCAB_PREFIXES, "id": "https://w3id.org/esfgraph/id/"}


def prologue(**extra: str) -> str:
    """Return ``PREFIX name: <iri>`` lines for :data:`PREFIXES` and ``extra`` (name=IRI)."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in {**PREFIXES, **extra}.items())


#: The prologue most tests need.
PROLOGUE = prologue()
