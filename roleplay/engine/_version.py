"""The package version, kept in the engine so the scenario cache can key on it cheaply."""

VERSION = "0.1.0"
