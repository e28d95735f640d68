"""Posts' YAML front matter read with libyaml when it is there.

pelican-yaml-metadata parses front matter with PyYAML's pure-Python loader:
at 10,000 posts that is most of the time Pelican spends reading (the
``entities:`` lists are long). libyaml's loader builds the same Python values
with the same safe constructors, about ten times faster. A header libyaml
refuses is read again by the plugin's own code, so an odd hand-written post
gets the same result (or the same logged error) as before.
"""

from __future__ import annotations

import yaml
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader

FAST_LOADER = getattr(yaml, "CSafeLoader", None)


class FastYAMLMetadataReader(YAMLMetadataReader):
    def _load_yaml_metadata(self, text, source_path):
        if FAST_LOADER is not None:
            try:
                metadata = yaml.load(text, Loader=FAST_LOADER)  # noqa: S506 - CSafeLoader is the safe loader
            except yaml.YAMLError:
                metadata = None
            if isinstance(metadata, dict):
                return self._parse_yaml_metadata(metadata, source_path)
        return super()._load_yaml_metadata(text, source_path)


def use_fast_reader(readers) -> None:
    """readers_init: Markdown files go to the libyaml reader (after pelican-yaml-metadata set its own)."""
    for extension in FastYAMLMetadataReader.file_extensions:
        if readers.reader_classes.get(extension) is YAMLMetadataReader:
            readers.reader_classes[extension] = FastYAMLMetadataReader
