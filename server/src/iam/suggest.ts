import { distance } from 'fastest-levenshtein';

/**
 * Did-you-mean: the candidates closest to a misspelling, case-insensitively, within a distance that
 * grows with the word's length (a typo, not a different word).
 */
export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  const maxDistance = Math.max(1, Math.min(4, Math.floor(lower.length / 3)));
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const candidateLower = candidate.toLowerCase();
    if (Math.abs(candidateLower.length - lower.length) > maxDistance) continue;
    const score = distance(lower, candidateLower);
    if (score <= maxDistance) scored.push({ candidate, score });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}
