//! Share links: the view and (when small) the data, encoded into a URL fragment.
