//! Tag names the extractor cares about, interned as a one-byte enum so that
//! every later test is an integer comparison instead of a string compare.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Tag {
    Other,
    Html,
    Head,
    Body,
    Title,
    Script,
    Style,
    Noscript,
    Textarea,
    Template,
    Xmp,
    Svg,
    Math,
    Iframe,
    Object,
    Canvas,
    Video,
    Audio,
    P,
    Div,
    Section,
    Article,
    Main,
    Header,
    Footer,
    Nav,
    Aside,
    Form,
    Button,
    Select,
    Option,
    Label,
    Input,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Figure,
    Figcaption,
    Img,
    Br,
    Hr,
    A,
    Meta,
    Link,
    Base,
    Wbr,
    Source,
    Track,
    Embed,
    Param,
    Area,
    Col,
    Address,
    Dialog,
    Menu,
    Details,
    Summary,
    Center,
    Picture,
}

/// Map an ASCII-lowercased tag name to its `Tag`.
pub fn lookup(name: &[u8]) -> Tag {
    use Tag::*;
    match name {
        b"a" => A,
        b"p" => P,
        b"div" => Div,
        b"span" | b"b" | b"i" | b"em" | b"strong" => Other,
        b"li" => Li,
        b"br" => Br,
        b"img" => Img,
        b"html" => Html,
        b"head" => Head,
        b"body" => Body,
        b"title" => Title,
        b"script" => Script,
        b"style" => Style,
        b"noscript" => Noscript,
        b"textarea" => Textarea,
        b"template" => Template,
        b"xmp" => Xmp,
        b"svg" => Svg,
        b"math" => Math,
        b"iframe" => Iframe,
        b"object" => Object,
        b"canvas" => Canvas,
        b"video" => Video,
        b"audio" => Audio,
        b"section" => Section,
        b"article" => Article,
        b"main" => Main,
        b"header" => Header,
        b"footer" => Footer,
        b"nav" => Nav,
        b"aside" => Aside,
        b"form" => Form,
        b"button" => Button,
        b"select" => Select,
        b"option" => Option,
        b"label" => Label,
        b"input" => Input,
        b"h1" => H1,
        b"h2" => H2,
        b"h3" => H3,
        b"h4" => H4,
        b"h5" => H5,
        b"h6" => H6,
        b"ul" => Ul,
        b"ol" => Ol,
        b"dl" => Dl,
        b"dt" => Dt,
        b"dd" => Dd,
        b"blockquote" => Blockquote,
        b"pre" => Pre,
        b"table" => Table,
        b"thead" => Thead,
        b"tbody" => Tbody,
        b"tfoot" => Tfoot,
        b"tr" => Tr,
        b"td" => Td,
        b"th" => Th,
        b"caption" => Caption,
        b"figure" => Figure,
        b"figcaption" => Figcaption,
        b"hr" => Hr,
        b"meta" => Meta,
        b"link" => Link,
        b"base" => Base,
        b"wbr" => Wbr,
        b"source" => Source,
        b"track" => Track,
        b"embed" => Embed,
        b"param" => Param,
        b"area" => Area,
        b"col" => Col,
        b"address" => Address,
        b"dialog" => Dialog,
        b"menu" => Menu,
        b"details" => Details,
        b"summary" => Summary,
        b"center" => Center,
        b"picture" => Picture,
        _ => Other,
    }
}

impl Tag {
    /// Elements that never have content or an end tag.
    pub fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Br | Hr
                | Img
                | Input
                | Meta
                | Link
                | Base
                | Wbr
                | Source
                | Track
                | Embed
                | Param
                | Area
                | Col
        )
    }

    /// Elements whose content is not markup: it runs to the matching end tag.
    /// `noscript` is raw too: with scripting on (as in every browser a reader
    /// uses) its content is not rendered, so it is never article text.
    pub fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script | Style | Noscript | Textarea | Title | Xmp | Template
        )
    }

    /// Elements that break the text flow: text before and after them belongs
    /// to different blocks.
    pub fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            P | Div
                | Section
                | Article
                | Main
                | Header
                | Footer
                | Nav
                | Aside
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Ul
                | Ol
                | Li
                | Dl
                | Dt
                | Dd
                | Blockquote
                | Pre
                | Table
                | Thead
                | Tbody
                | Tfoot
                | Tr
                | Td
                | Th
                | Caption
                | Figure
                | Figcaption
                | Hr
                | Address
                | Dialog
                | Menu
                | Details
                | Summary
                | Center
                | Body
                | Html
                | Option
                | Select
                | Button
                | Iframe
                | Video
                | Audio
                | Canvas
                | Picture
        )
    }

    /// Start tags that close an open `<p>` (the HTML parsing rules, simplified).
    pub fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            P | Div
                | Section
                | Article
                | Main
                | Header
                | Footer
                | Nav
                | Aside
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Ul
                | Ol
                | Dl
                | Blockquote
                | Pre
                | Table
                | Figure
                | Hr
                | Address
                | Dialog
                | Menu
                | Details
                | Center
        )
    }

    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }
}
