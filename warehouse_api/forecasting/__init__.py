"""Demand forecasting: methods, the rolling-origin backtest that picks one per series,
and the Taiwan calendar. Pure numpy/statsmodels: no database, no HTTP."""
