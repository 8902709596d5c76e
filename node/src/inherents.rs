//! The parachains inherent data: the backed candidates the block author offers the runtime's
//! `ParaInclusion.enter` (which keeps only those that pass every check). A validator's backing
//! protocol collects them (`relay_parachains::store`); importing nodes and non-validators offer
//! none.

use relay_primitives::{BackedCandidate, PARACHAINS_INHERENT_IDENTIFIER};
use sp_inherents::{Error, InherentData, InherentIdentifier};

/// Provides the backed candidates for a block.
#[derive(Clone, Debug, Default)]
pub struct BackedCandidatesProvider {
	candidates: Vec<BackedCandidate>,
}

impl BackedCandidatesProvider {
	/// Offers `candidates`.
	pub fn new(candidates: Vec<BackedCandidate>) -> Self {
		Self { candidates }
	}
}

#[async_trait::async_trait]
impl sp_inherents::InherentDataProvider for BackedCandidatesProvider {
	async fn provide_inherent_data(&self, data: &mut InherentData) -> Result<(), Error> {
		data.put_data(PARACHAINS_INHERENT_IDENTIFIER, &self.candidates)
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

	#[tokio::test]
	async fn puts_the_candidates_under_the_parachains_identifier() {
		let mut data = InherentData::new();
		BackedCandidatesProvider::default()
			.provide_inherent_data(&mut data)
			.await
			.expect("provided");
		let stored: Option<Vec<BackedCandidate>> =
			data.get_data(&PARACHAINS_INHERENT_IDENTIFIER).expect("decodes");
		assert_eq!(stored, Some(Vec::new()));
	}
}
