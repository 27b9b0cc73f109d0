//! The cluster stage: copies and stories.
//!
//! [`cluster`] is a pure function of the documents (their clean text,
//! publication date, title and the canonical names of the entities they
//! mention): it finds copies (syndicated copies and re-posts, grouped with
//! the earliest version) and groups documents into stories, each with its
//! episodes (distinct dated developments) on a timeline. No step compares
//! all pairs of documents: cost grows close to linearly with their number.
//!
//! - [`copies`]: MinHash signatures over word shingles, LSH bands, verified
//!   pairs joined transitively under the earliest version;
//! - [`terms`]: each document as a short tf-idf vector of content words and
//!   entity names;
//! - [`stories`]: single-pass clustering in publication order against
//!   story centroids found through an inverted index, then a merge pass;
//! - [`timeline`]: day numbers, episodes (runs of dates without a gap of
//!   more than two weeks) and titles.

pub mod copies;
pub mod stories;
pub mod terms;
pub mod timeline;

pub use stories::StoryState;
pub use terms::DocTerms;

/// One document as the cluster stage sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocInput {
    pub id: String,
    /// `YYYY-MM-DD`, or `None` when unknown.
    pub published: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// Canonical names of the people, organisations and places mentioned
    /// (store-wide names where linked), one per entity.
    pub entities: Vec<String>,
}

/// A document and its copies: indices into the input, each copy with the
/// estimated share of word shingles it has in common with the original.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyGroup {
    pub original: usize,
    pub copies: Vec<(usize, f32)>,
}

/// A distinct dated development of a story.
#[derive(Debug, Clone, PartialEq)]
pub struct Episode {
    pub documents: Vec<usize>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub title: String,
}

/// Documents about one story.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// Indices into the input, in publication order (unknown dates last).
    pub documents: Vec<usize>,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub episodes: Vec<Episode>,
}

/// What the cluster stage finds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clustering {
    pub copies: Vec<CopyGroup>,
    pub stories: Vec<Story>,
}

/// The thresholds of the stage; [`Params::default`] is what ships.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// A document joins the most similar story when the cosine of its term
    /// vector and the story's centroid is at least this.
    pub join: f32,
    /// Two stories whose centroids have at least this cosine are merged.
    pub merge: f32,
    /// Estimated shingle Jaccard at or above which a document is a copy.
    pub copy: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            join: 0.2,
            merge: 0.25,
            copy: 0.5,
        }
    }
}

/// Copies and stories of `docs` with the shipped thresholds.
pub fn cluster(docs: &[DocInput]) -> Clustering {
    cluster_with(docs, &Params::default())
}

/// Copies and stories of `docs` with the given thresholds.
pub fn cluster_with(docs: &[DocInput], params: &Params) -> Clustering {
    let mut b = Builder::new(*params);
    docs.iter().for_each(|d| b.count(d));
    docs.iter().for_each(|d| b.vectorize(d));
    b.finish()
}

/// What the stage keeps of one document, so that later documents can be
/// placed against it without reading it again: its day, title and lead
/// (for titles and episodes), its term vector and its copy signature.
#[derive(Debug, Clone, PartialEq)]
pub struct DocState {
    /// `YYYY-MM-DD`, when the publication date is a valid date.
    pub date: Option<String>,
    pub day: Option<i64>,
    pub title: String,
    /// Whether `title` is the document's headline (not its first words).
    pub headline: bool,
    pub lead: String,
    pub vector: terms::TermVec,
    pub signature: Option<copies::Signature>,
}

impl DocState {
    /// The state of a document whose vector is made already.
    pub fn of(
        doc: &DocInput,
        vector: terms::TermVec,
        signature: Option<copies::Signature>,
    ) -> DocState {
        let mut labels = timeline::Labels::default();
        labels.push(doc.published.as_deref(), doc.title.as_deref(), &doc.text);
        labels.take_state(0, vector, signature)
    }
}

/// Everything the stage keeps between ingests: the vocabulary (terms by
/// id, with document frequencies), the number of documents counted, each
/// document's state (in input order) and each story's (in the order of
/// [`Clustering::stories`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub terms: Vec<(String, u32)>,
    pub docs: u32,
    pub documents: Vec<DocState>,
    pub stories: Vec<StoryState>,
}

/// The story of some documents, given by their states in publication
/// order: its title, span and episodes, with documents as positions into
/// `members`. (What [`Builder::finish`] makes of each story, for a story
/// updated with new documents.)
pub fn describe(members: &[&DocState]) -> Story {
    let labels = timeline::Labels::of_states(members.iter().copied());
    let vectors: Vec<terms::TermVec> = members.iter().map(|m| m.vector.clone()).collect();
    let documents: Vec<usize> = (0..members.len()).collect();
    let (start, end) = labels.span(&documents);
    Story {
        title: timeline::title(&labels, &vectors, &documents),
        start,
        end,
        episodes: timeline::episodes(&labels, &vectors, &documents),
        documents,
    }
}

/// What the first pass computes from one document alone: its terms and its
/// copy signature. Make it on any thread, then hand it to
/// [`Builder::count_prepared`] in order.
pub struct FirstPass {
    terms: DocTerms,
    signature: Option<copies::Signature>,
}

impl FirstPass {
    pub fn of(doc: &DocInput) -> FirstPass {
        FirstPass {
            terms: DocTerms::of(&doc.text, &doc.entities),
            signature: copies::signature(&doc.text),
        }
    }
}

/// The cluster stage over documents streamed twice, so that no text needs
/// to stay in memory: [`Builder::count`] every document (term frequencies,
/// copy signature, date, title), then [`Builder::vectorize`] every document
/// again in the same order, then [`Builder::finish`]. What it keeps per
/// document is bounded: a 256-byte signature, a vector of at most
/// [`terms::TOP_TERMS`] terms, a date and a title.
pub struct Builder {
    params: Params,
    vocabulary: terms::Vocabulary,
    signatures: Vec<Option<copies::Signature>>,
    labels: timeline::Labels,
    vectors: Vec<terms::TermVec>,
}

impl Builder {
    pub fn new(params: Params) -> Builder {
        Builder {
            params,
            vocabulary: terms::Vocabulary::default(),
            signatures: Vec::new(),
            labels: timeline::Labels::default(),
            vectors: Vec::new(),
        }
    }

    /// The first pass over one document.
    pub fn count(&mut self, doc: &DocInput) {
        let first = FirstPass::of(doc);
        self.count_prepared(doc, first);
    }

    /// The first pass over one document whose costly part, [`FirstPass::of`],
    /// was done already (on any thread).
    pub fn count_prepared(&mut self, doc: &DocInput, first: FirstPass) {
        self.vocabulary.count_terms(&first.terms);
        self.signatures.push(first.signature);
        self.labels
            .push(doc.published.as_deref(), doc.title.as_deref(), &doc.text);
    }

    /// The second pass over one document (the same documents, in the same
    /// order as [`Builder::count`] saw them).
    pub fn vectorize(&mut self, doc: &DocInput) {
        self.vectorize_terms(&DocTerms::of(&doc.text, &doc.entities));
    }

    /// [`Builder::vectorize`] with the document's terms made already (on any
    /// thread).
    pub fn vectorize_terms(&mut self, terms: &DocTerms) {
        let counts = self.vocabulary.recount_terms(terms);
        self.vectors.push(self.vocabulary.vector(&counts));
    }

    /// Copies and stories of the documents seen.
    pub fn finish(self) -> Clustering {
        self.finish_with_state().0
    }

    /// Copies and stories of the documents seen, and the state to keep for
    /// later updates.
    pub fn finish_with_state(self) -> (Clustering, Snapshot) {
        let n = self.vectors.len().min(self.signatures.len());
        let days = &self.labels.days;
        // Publication order: dated documents by day, then the undated; ties
        // by input order.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| (days[i].is_none(), days[i], i));

        let copies = copies::find_copies(&self.signatures[..n], &order, self.params.copy);
        let mut copy_of: Vec<Option<usize>> = vec![None; n];
        for g in &copies {
            for &(c, _) in &g.copies {
                copy_of[c] = Some(g.original);
            }
        }
        let mut rank = vec![0; n];
        for (k, &i) in order.iter().enumerate() {
            rank[i] = k;
        }
        let vectors = &self.vectors[..n];
        let mut groups = stories::cluster_stories(vectors, &order, days, &copy_of, &self.params);
        for (g, _) in &mut groups {
            g.sort_by_key(|&i| rank[i]);
        }
        groups.sort_by_key(|(g, _)| rank[g[0]]);
        let (groups, story_states): (Vec<Vec<usize>>, Vec<StoryState>) = groups.into_iter().unzip();
        let stories = groups
            .into_iter()
            .map(|documents| {
                let (start, end) = self.labels.span(&documents);
                Story {
                    title: timeline::title(&self.labels, vectors, &documents),
                    start,
                    end,
                    episodes: timeline::episodes(&self.labels, vectors, &documents),
                    documents,
                }
            })
            .collect();
        let mut labels = self.labels;
        let documents = self
            .vectors
            .into_iter()
            .zip(self.signatures)
            .enumerate()
            .map(|(i, (vector, signature))| labels.take_state(i, vector, signature))
            .collect();
        let (terms, docs) = self.vocabulary.into_parts();
        let snapshot = Snapshot {
            terms,
            docs,
            documents,
            stories: story_states,
        };
        (Clustering { copies, stories }, snapshot)
    }
}
