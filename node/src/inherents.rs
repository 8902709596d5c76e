//! The parachains inherent data: the backed candidates the block author offers the runtime's
//! `ParaInclusion.enter` (which keeps only those that pass every check), and the parent block's
//! header, whose state root the runtime records for candidates built on it. A validator's backing
//! protocol collects the candidates (`relay_parachains::store`); importing nodes and
//! non-validators offer none.

use relay_primitives::{
	BackedCandidate, Header, ParachainsInherentData, PARACHAINS_INHERENT_IDENTIFIER,
};
use sp_inherents::{Error, InherentData, InherentIdentifier};

/// Provides the parachains inherent data for a block on `parent_header`.
#[derive(Clone, Debug)]
pub struct BackedCandidatesProvider {
	data: ParachainsInherentData,
}

impl BackedCandidatesProvider {
	/// Offers `candidates` for a block whose parent is `parent_header`.
	pub fn new(candidates: Vec<BackedCandidate>, parent_header: Header) -> Self {
		Self { data: ParachainsInherentData { backed_candidates: candidates, parent_header } }
	}
}

#[async_trait::async_trait]
impl sp_inherents::InherentDataProvider for BackedCandidatesProvider {
	async fn provide_inherent_data(&self, data: &mut InherentData) -> Result<(), Error> {
		data.put_data(PARACHAINS_INHERENT_IDENTIFIER, &self.data)
	}

	async fn try_handle_error(
		&self,
		identifier: &InherentIdentifier,
		error: &[u8],
	) -> Option<Result<(), Error>> {
		if *identifier != PARACHAINS_INHERENT_IDENTIFIER {
			return None;
		}
		let message = String::from_utf8_lossy(error).into_owned();
		Some(Err(Error::Application(message.into())))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_inherents::InherentDataProvider;
	use sp_runtime::traits::Header as _;

	#[tokio::test]
	async fn puts_the_candidates_and_parent_under_the_parachains_identifier() {
		let parent = Header::new(
			7,
			Default::default(),
			sp_core::H256::repeat_byte(3),
			sp_core::H256::repeat_byte(6),
			Default::default(),
		);
		let mut data = InherentData::new();
		BackedCandidatesProvider::new(Vec::new(), parent.clone())
			.provide_inherent_data(&mut data)
			.await
			.expect("provided");
		let stored: Option<ParachainsInherentData> =
			data.get_data(&PARACHAINS_INHERENT_IDENTIFIER).expect("decodes");
		assert_eq!(
			stored,
			Some(ParachainsInherentData { backed_candidates: Vec::new(), parent_header: parent })
		);
	}
}
