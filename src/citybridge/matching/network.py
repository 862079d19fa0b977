"""The partnership network: who already partners whom, as a sparse matrix, and the signals read from it.

Nodes are whatever indices the caller uses (gazetteer indices in the evaluation, profile positions
at run time); each node has a country. For blocks of (city, candidate) pairs it gives the number
of common partners (the candidate already partners some of the city's partners), the number of
partners the city has in the candidate's country, and the candidate's number of partners.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


class Network:
    def __init__(self, n: int, edges: np.ndarray, countries: np.ndarray):
        edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
        ones = np.ones(len(edges))
        adjacency = sparse.coo_matrix((ones, (edges[:, 0], edges[:, 1])), shape=(n, n))
        self.adjacency = ((adjacency + adjacency.T) > 0).astype(np.float64).tocsr()
        self.degree = np.asarray(self.adjacency.sum(axis=1)).ravel()
        codes, self.country = np.unique(np.asarray(countries), return_inverse=True)
        membership = sparse.csr_matrix((np.ones(n), (np.arange(n), self.country)), shape=(n, len(codes)))
        self._in_country = (self.adjacency @ membership).tocsr()  # node x country: partners there

    def common(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Common partners of each (row, column) pair, as a dense block."""
        return (self.adjacency[rows] @ self.adjacency).toarray()[:, columns]

    def in_country(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Partners each row city has in each column city's country."""
        return self._in_country[rows].toarray()[:, self.country[columns]]

    def common_pairs(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Common partners of each pair (rows[i], columns[i])."""
        return np.asarray(self.adjacency[rows].multiply(self.adjacency[columns]).sum(axis=1)).ravel()

    def in_country_pairs(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Partners rows[i] has in the country of columns[i]."""
        return np.asarray(self._in_country[rows, self.country[columns]]).ravel()

    def partners(self, row: int) -> np.ndarray:
        return self.adjacency[row].indices
