//! Extraction: from a web page or a text dump to a clean article with its
//! title, outlet, author, publication date, language and upstream sources.
