//! Two reports of one run side by side: where they agree, file by file, and why they
//! differ.
mod agreement_page;
mod agreement_table;

pub use agreement_page::AgreementPage;
pub use agreement_table::AgreementTable;
