"""Small helpers shared by the search tests."""


def ids(result) -> list[str]:
    """The listing ids of a result page, in order."""
    return [hit.id for hit in result.hits]
