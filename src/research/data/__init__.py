"""The data layer: schema, strict CSV, validation and cross-checks, bibliography, data dictionary."""

# research.data.load is what everything above calls: the typed tables of a data folder, or one error listing
# every problem. Nothing here knows of notebooks, builds or reports.


from research.data.loader import Dataset, check, country_codes, load, validate_or_raise, validated_country_codes

__all__ = ["Dataset", "check", "country_codes", "load", "validate_or_raise", "validated_country_codes"]
