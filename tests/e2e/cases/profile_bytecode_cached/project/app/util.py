def shape(event):
    return {"keys": sorted(event)}
