/** A review round's name in the app's words: 1 the review (复查), 2 the second review (复核). */
export function roundKey(round: number): 'reviews.round.1' | 'reviews.round.2' {
  return round === 2 ? 'reviews.round.2' : 'reviews.round.1';
}
